using System.Diagnostics;
using KadoaBridge.Core.Diagnostics;

namespace KadoaBridge.Core.Ingest;

/// <summary>
/// Ingest's spans (OpenTelemetry messaging conventions): <c>process ingress</c> (kind Consumer) continues the trace the
/// listener started, whatever the Functions host made current, and links to the host's invocation span; each
/// destination's delivery is a <c>publish {destination}</c> child of it (<see cref="Delivery.DeliverySpans"/>).
/// </summary>
public static class IngestSpans
{
    public const string ProcessIngress = "process ingress";

    public static Activity? StartProcess(IngestEvent e)
    {
        var source = BridgeTelemetry.IngestSource;
        if (!source.HasListeners())
        {
            return null;
        }

        var invocation = Activity.Current;
        ActivityLink[]? links = invocation is null || invocation.Context == e.TraceContext ? null : [new ActivityLink(invocation.Context)];
        var span = source.StartActivity(ProcessIngress, ActivityKind.Consumer, e.TraceContext, links: links);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("messaging.system", "azure_queue");
            span.SetTag("messaging.operation.type", "process");
            span.SetTag("messaging.destination.name", "ingress");
            span.SetTag("cloudevents.event_id", e.Id);
            span.SetTag("cloudevents.event_type", e.Type);
            span.SetTag("kadoa.workflow_id", e.WorkflowId);
        }

        return span;
    }
}
