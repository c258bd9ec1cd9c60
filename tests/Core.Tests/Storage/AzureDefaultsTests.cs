using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using Azure.Core.Diagnostics;
using Azure.Data.Tables;
using KadoaBridge.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KadoaBridge.Core.Tests.Storage;

/// <summary>
/// The Azure SDK's request logging costs every call its formatted headers, so it is on only when the <c>Azure.Core</c>
/// log category would show it: off with the bridge's default (errors only), on when raised for debugging.
/// </summary>
[Trait("Category", "Integration")]
public sealed class AzureDefaultsTests : IAsyncLifetime
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private WebApplication _server = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        _server.Run(context =>
        {
            context.Response.StatusCode = StatusCodes.Status409Conflict; // "the table exists": the call succeeds at once
            return Task.CompletedTask;
        });
        await _server.StartAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(LogLevel.Error, false)]
    [InlineData(LogLevel.Warning, true)]
    [InlineData(LogLevel.Information, true)]
    public async Task RequestLogging_FollowsTheAzureCoreLogLevel(LogLevel azureCore, bool expectRequestEvents)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddFakeLogging().AddFilter("Azure.Core", azureCore));
        services.AddBridgeAzureDefaults();
        var endpoint = _server.Urls.Single() + "/devstoreaccount1";
        services.AddAzureClients(clients => clients.AddTableServiceClient(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint={endpoint}"));
        await using var provider = services.BuildServiceProvider();
        var tables = provider.GetRequiredService<TableServiceClient>();

        var requests = new ConcurrentQueue<string>();
        using (new AzureEventSourceListener(
            (e, _) =>
            {
                if (e.EventSource.Name == "Azure-Core" && e.EventName == "Request")
                {
                    requests.Enqueue(e.EventName);
                }
            },
            EventLevel.Verbose))
        {
            await tables.GetTableClient("probe").CreateIfNotExistsAsync();
        }

        Assert.Equal(expectRequestEvents, !requests.IsEmpty);
    }
}
