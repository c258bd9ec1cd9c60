using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KadoaBridge.LocalRun.Tests;

/// <summary>The Aspire dashboard of the local run: started by default, shown in the banner, and where both apps export.</summary>
[Collection(LocalRunCollection.Name)]
[Trait("Category", "Integration")]
public sealed class DashboardTests(LocalRunFixture run) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private AspireDashboard Dashboard => run.Bridge.Dashboard ?? throw new InvalidOperationException("No dashboard started. The run printed:\n" + run.Output);

    [Fact]
    public async Task Banner_Dashboard_ShowsItsUrlWhichAnswers200()
    {
        var url = Dashboard.Url;

        Assert.Contains($"  Dashboard        {url}  (traces, metrics, logs;", run.Output, StringComparison.Ordinal);
        Assert.Equal(IPAddress.Loopback.ToString(), url.Host);
        using var page = await _http.GetAsync(url); // redirects to the structured logs page
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task OtlpHttpEndpoint_EmptyTraceExport_Accepted()
    {
        using var body = new ByteArrayContent([]);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");

        using var answer = await _http.PostAsync(new Uri(Dashboard.OtlpEndpoint + "/v1/traces"), body);

        Assert.True(answer.IsSuccessStatusCode, $"POST /v1/traces answered {(int)answer.StatusCode}");
    }

    [Fact]
    public void AppsConfiguration_Dashboard_CarriesOtelSettingsWithEachServiceName()
    {
        var listener = run.Bridge.Listener.Configuration;
        var functions = run.Bridge.Functions!.Services.GetRequiredService<IConfiguration>();

        foreach (var (configuration, serviceName) in new[] { (listener, "kadoa-bridge-listener"), (functions, "kadoa-bridge-functions") })
        {
            Assert.Equal(Dashboard.OtlpEndpoint, configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
            Assert.Equal("http/protobuf", configuration["OTEL_EXPORTER_OTLP_PROTOCOL"]);
            Assert.Equal(serviceName, configuration["OTEL_SERVICE_NAME"]);
            Assert.Equal("5000", configuration["OTEL_METRIC_EXPORT_INTERVAL"]);
        }

        Assert.StartsWith("http://127.0.0.1:", Dashboard.OtlpEndpoint, StringComparison.Ordinal);
    }

    public void Dispose() => _http.Dispose();
}
