using System.Text;
using KadoaBridge.Core.Storage;
using KadoaBridge.Functions.Http;
using KadoaBridge.Functions.Tests.ControlPlane;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace KadoaBridge.Functions.Tests.Fuzz;

/// <summary>
/// The Functions app's services against Azurite, with a destination topic alias that points nowhere reachable (no
/// request here publishes), logs collected, and HTTP functions called the way the worker calls them: the function
/// class from the container, then <see cref="HttpFailure.InvokeAsync"/> (what HttpFailureMiddleware
/// does in the worker and the local host does in its endpoints), and the result executed by MVC.
/// </summary>
internal sealed class HttpFuzzHost : IAsyncDisposable
{
    public const string Destination = "changes";

    private HttpFuzzHost(FunctionsTestHost host, FakeLogCollector logs)
    {
        Host = host;
        Logs = logs;
    }

    public FunctionsTestHost Host { get; }

    public FakeLogCollector Logs { get; }

    public static async Task<HttpFuzzHost> StartAsync(string storageConnectionString)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kadoa:ApiKey"] = "fuzz-kadoa-key",
            ["Kadoa:ApiBaseUrl"] = "http://127.0.0.1:9/", // nothing listens: a request that gets as far as Kadoa fails fast
            ["Provisioning:MaxRetryAttempts"] = "1",
            ["Provisioning:RetryDelay"] = "00:00:00.010",
            ["Storage:ConnectionString"] = storageConnectionString,
            ["Routing:DefaultDestination"] = Destination,
            [$"Routing:Destinations:{Destination}:Endpoint"] = "http://127.0.0.1:9/api/events",
            [$"Routing:Destinations:{Destination}:Key"] = "fuzz-topic-key",
        };
        var logs = new FakeLogCollector();
        var host = new FunctionsTestHost(settings, services => services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(logs)));
        await host.Services.GetRequiredService<StorageBootstrap>().EnsureCreatedAsync(CancellationToken.None);
        return new HttpFuzzHost(host, logs);
    }

    /// <summary>Calls <paramref name="call"/> on a new <typeparamref name="TFunction"/> as the worker would, and reads the answer as a client does.</summary>
    public async Task<HttpAnswer> CallAsync<TFunction>(string functionName, HttpRequest request, Func<TFunction, HttpRequest, Task<IActionResult>> call)
    {
        var logger = Host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(HttpFailure.LogCategory);
        var result = await HttpFailure.InvokeAsync(
            async () => await call(Host.Create<TFunction>(), request), functionName, request.HttpContext.TraceIdentifier, logger, CancellationToken.None);
        return await HttpAnswer.ExecuteAsync((IActionResult)result!, request);
    }

    /// <summary>A request whose body is exactly <paramref name="body"/> (which may be invalid UTF-8).</summary>
    public static HttpRequest Request(string method, string path, byte[]? body, string? contentType = "application/json", IDictionary<string, string>? query = null)
    {
        var request = FunctionsTestHost.Request(method, path, body is null ? null : "", contentType, query);
        if (body is not null)
        {
            request.Body = new MemoryStream(body);
            request.ContentLength = body.Length;
        }

        return request;
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
