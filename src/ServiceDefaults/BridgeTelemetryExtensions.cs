using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace KadoaBridge.ServiceDefaults;

/// <summary>
/// One telemetry composition for both hosts (in the spirit of eShop's ServiceDefaults): OpenTelemetry traces, metrics
/// and logs, exported to Azure Monitor when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (authenticating with
/// the app's managed identity: the resource has local auth off) and over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// is set (the SDK honours the standard <c>OTEL_*</c> settings: protocol, headers, export intervals). With neither,
/// nothing is registered: no exporter, no cost, nothing that can fail.
/// </summary>
public static class BridgeTelemetryExtensions
{
    public const string AzureMonitorSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ServiceNameSetting = "OTEL_SERVICE_NAME";

    /// <summary>Azure SDK clients emit spans only behind this switch (https://github.com/Azure/azure-sdk-for-net/blob/main/sdk/core/Azure.Core/samples/Diagnostics.md).</summary>
    private const string AzureSdkActivitySwitch = "Azure.Experimental.EnableActivitySource";

    /// <param name="serviceName">The default <c>service.name</c>; <c>OTEL_SERVICE_NAME</c> overrides it.</param>
    /// <param name="bridgeSource">The host's own trace source and meter (<see cref="Core.Diagnostics.BridgeTelemetry.Listener"/> or
    /// <see cref="Core.Diagnostics.BridgeTelemetry.Ingest"/>): only its own, so two hosts in one process (the local run) export each span once.</param>
    /// <param name="configure">Host-specific additions (the Functions worker's defaults), called only when telemetry is on.</param>
    /// <returns>True when an exporter is configured.</returns>
    public static bool AddBridgeTelemetry(this IHostApplicationBuilder builder, string serviceName, string bridgeSource, Action<OpenTelemetryBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddBridgeLogDefaults();
        var configuration = builder.Configuration;
        var azureMonitor = configuration[AzureMonitorSetting] is { Length: > 0 } connectionString ? connectionString : null;
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]);
        if (azureMonitor is null && !otlp)
        {
            return false;
        }

        AppContext.SetSwitch(AzureSdkActivitySwitch, true);
        // DefaultAzureCredential honours AZURE_CLIENT_ID (the user-assigned identity the template gives each app).
        var credential = azureMonitor is null ? null : new DefaultAzureCredential();
        void AzureMonitor(AzureMonitorExporterOptions options)
        {
            options.ConnectionString = azureMonitor;
            options.Credential = credential;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration[ServiceNameSetting] is { Length: > 0 } name ? name : serviceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(bridgeSource, "Azure.*")
                    .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsProbe(context.Request.Path))
                    .AddHttpClientInstrumentation();
                Export(tracing, otlp, azureMonitor, t => t.AddOtlpExporter(), t => t.AddAzureMonitorTraceExporter(AzureMonitor, credential));
            })
            .WithMetrics(metrics =>
            {
                // "Polly": the HTTP resilience handler's retries and timeouts (resilience.polly.strategy.events), counted
                // here instead of logged as warnings.
                metrics.AddMeter(bridgeSource, "Polly")
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation();
                Export(metrics, otlp, azureMonitor, m => m.AddOtlpExporter(), m => m.AddAzureMonitorMetricExporter(AzureMonitor, credential));
            })
            .WithLogging(logging => Export(logging, otlp, azureMonitor, l => l.AddOtlpExporter(), l => l.AddAzureMonitorLogExporter(AzureMonitor, credential)));
        configure?.Invoke(telemetry);
        return true;
    }

    private static void Export<T>(T builder, bool otlp, string? azureMonitor, Action<T> addOtlp, Action<T> addAzureMonitor)
    {
        if (otlp)
        {
            addOtlp(builder);
        }

        if (azureMonitor is not null)
        {
            addAzureMonitor(builder);
        }
    }

    /// <summary>Health probes every few seconds are not traffic worth a trace.</summary>
    private static bool IsProbe(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments("/api/health");
}
