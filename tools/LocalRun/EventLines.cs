using KadoaBridge.EventGridEmulator;

namespace KadoaBridge.LocalRun;

/// <summary>
/// One console line per event accepted at a topic:
/// <c>HH:mm:ss.fff kadoa→ingress  Kadoa.Workflow.DataChanged chg-… workflows/wf-1/changes/chg-…</c> for what the
/// listener published, <c>ingest→{topic}</c> for what ingest delivered to a destination topic.
/// </summary>
internal static class EventLines
{
    public static string Format(string topic, AcceptedEvent accepted)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        var hop = string.Equals(topic, LocalBridge.IngressTopic, StringComparison.OrdinalIgnoreCase) ? $"kadoa→{topic}" : $"ingest→{topic}";
        return $"{accepted.AcceptedAt.ToLocalTime():HH:mm:ss.fff} {hop,-14} {accepted.Type} {accepted.Id} {accepted.Subject}".TrimEnd();
    }
}
