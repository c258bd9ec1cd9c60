using System.Globalization;
using System.Text;
using KadoaBridge.Core.Kadoa;
using Microsoft.Extensions.Options;

namespace KadoaBridge.LocalRun;

/// <summary>What the local run prints at start: every URL, the functions it serves, and commands to try.</summary>
internal static class Banner
{
    public static string Render(LocalBridge bridge, LocalRunOptions options)
    {
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');
        var api = bridge.FunctionsApiUrl;

        Line("Kadoa → Azure Event Grid bridge, running locally");
        Line(DashboardLine(bridge, options));
        if (bridge.Kadoa is { } kadoa)
        {
            Line($"  Kadoa            simulator {kadoa.ApiBaseUrl}  realtime {kadoa.RealtimeUrl}  (team {kadoa.TeamId}, API key {kadoa.ApiKeyAccepted})");
            Line(options.EmitSimulatorEvents && options.Rate > 0
                ? string.Create(CultureInfo.InvariantCulture, $"                   emitting workflow_data_change at {options.Rate}/s over wf-1..wf-{options.Workflows}")
                : "                   emitting nothing by itself: POST /v5/notifications/test on the simulator, or POST /api/setup/test");
        }
        else
        {
            var real = bridge.Listener.Services.GetRequiredService<IOptions<KadoaOptions>>().Value;
            Line($"  Kadoa            {real.ApiBaseUrl}  realtime {real.RealtimeUrl}  (key from Kadoa__ApiKey)");
        }

        Line($"  Listener         {bridge.ListenerUrl}  health {new Uri(bridge.ListenerUrl, "healthz")}  ready {new Uri(bridge.ListenerUrl, "readyz")}");
        if (bridge.Functions is { } functions && api is not null)
        {
            FunctionsLines(functions, api, Line);
        }
        else
        {
            Line(bridge.LocalSettingsPath is { } path
                ? $"  Functions API    not started here: run 'func start' in src/Functions (settings written to {path})"
                : "  Functions API    not started here (--no-functions): host it yourself, e.g. func start in src/Functions");
        }

        Line($"  Event Grid       emulator {bridge.EventGrid.BaseAddress}");
        Line($"      topic {LocalBridge.IngressTopic,-8} {bridge.EventGrid.GetTopicEndpoint(LocalBridge.IngressTopic)}  key {LocalBridge.IngressKey}  → Storage queue '{Core.Storage.QueueNames.Ingress}'");
        Line($"      topic {LocalBridge.ChangesTopic,-8} {bridge.EventGrid.GetTopicEndpoint(LocalBridge.ChangesTopic)}  key {LocalBridge.ChangesKey}  (default destination)");
        Line(bridge.Azurite is { } azurite
            ? $"  Storage          Azurite  blob {azurite.BlobEndpoint}  queue {azurite.QueueEndpoint}  table {azurite.TableEndpoint}"
            : "  Storage          from Storage__ConnectionString");
        Line();
        api ??= new Uri("http://localhost:7071/api/"); // where func start serves it
        Line("Try:");
        Line($"  curl {new Uri(api, "health")}");
        Line($"  curl {new Uri(api, "changes")}");
        Line($"  curl '{new Uri(api, "changes")}?workflowId=wf-1&pageSize=5'");
        Line($"  curl {new Uri(api, "status")}");
        Line();
        Line("Events as they reach a topic (Ctrl+C stops everything):");
        return text.ToString();
    }

    private static void FunctionsLines(FunctionsHost.FunctionsLocalHost functions, Uri api, Action<string> line)
    {
        line($"  Functions API    {api}  (local host: function keys are NOT enforced locally)");
        foreach (var function in functions.Catalog.Http)
        {
            var methods = function.Methods.Count == 0 ? "ANY" : string.Join(',', function.Methods);
            line($"      {methods,-7} {api.AbsolutePath + function.Route,-40} {function.Name}");
        }

        foreach (var function in functions.Catalog.Queue)
        {
            line($"      queue   {function.QueueName,-40} {function.Name} (poison: {function.QueueName}-poison after {functions.Host.MaxDequeueCount} attempts)");
        }

        foreach (var function in functions.Catalog.Timer)
        {
            line($"      timer   {function.Schedule,-40} {function.Name}");
        }

        foreach (var function in functions.Catalog.Skipped)
        {
            line($"      skipped {function.Name}: {function.Reason}");
        }
    }

    private static string DashboardLine(LocalBridge bridge, LocalRunOptions options)
    {
        if (bridge.Dashboard is { } dashboard)
        {
            return $"  Dashboard        {dashboard.Url}  (traces, metrics, logs; the apps export to OTLP/HTTP {dashboard.OtlpEndpoint})";
        }

        return options.StartDashboard ? "  Dashboard        not started (the reason is above)" : "  Dashboard        off (--no-dashboard)";
    }
}
