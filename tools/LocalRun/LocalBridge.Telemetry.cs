using System.Globalization;

namespace KadoaBridge.LocalRun;

/// <summary>The Aspire dashboard and the settings that send both apps' traces, metrics and logs to it.</summary>
public sealed partial class LocalBridge
{
    internal const string ListenerServiceName = "kadoa-bridge-listener";

    internal const string FunctionsServiceName = "kadoa-bridge-functions";

    /// <summary>Every 5 s instead of the SDK's 60 s, so the dashboard's charts move while you watch.</summary>
    internal static readonly TimeSpan MetricExportInterval = TimeSpan.FromSeconds(5);

    /// <summary>The dashboard's pages, e.g. <c>http://127.0.0.1:18888/</c>; null with <c>--no-dashboard</c> or when it could not start.</summary>
    public Uri? DashboardUrl => Dashboard?.Url;

    internal AspireDashboard? Dashboard { get; private set; }

    /// <summary>Started first, so it is stopped last and receives what the apps export while they stop.</summary>
    private async Task StartDashboardAsync(CancellationToken cancellationToken)
    {
        if (!_options.StartDashboard)
        {
            return;
        }

        var dashboard = await AspireDashboard.StartAsync(_options.Output, cancellationToken);
        if (dashboard is not null)
        {
            _stops.Add(("Aspire dashboard", dashboard.DisposeAsync));
            Dashboard = dashboard;
        }
    }

    /// <summary>
    /// The OpenTelemetry settings of one app, in its own configuration rather than the environment: both apps run in
    /// this process, and each needs its own service name. Nothing without a dashboard, so the environment's
    /// <c>OTEL_*</c> settings (your own collector) apply.
    /// </summary>
    private void AddTelemetrySettings(Dictionary<string, string?> settings, string serviceName)
    {
        if (Dashboard is not { } dashboard)
        {
            return;
        }

        settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = dashboard.OtlpEndpoint;
        settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        settings["OTEL_SERVICE_NAME"] = serviceName;
        settings["OTEL_METRIC_EXPORT_INTERVAL"] = MetricExportInterval.TotalMilliseconds.ToString(CultureInfo.InvariantCulture);
    }
}
