using System.Diagnostics;
using KadoaBridge.Core.Contract;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.Kadoa.Realtime;

namespace KadoaBridge.Core.Forwarding;

/// <summary>
/// The listener's span per event, <c>publish ingress</c> (kind Producer, OpenTelemetry messaging conventions): it starts
/// a trace when the frame is received and ends when the ingress topic accepted the event. Its context is the
/// <c>traceparent</c> the ingress CloudEvent carries, so ingest continues the same trace.
/// </summary>
public static class ListenerSpans
{
    public const string PublishIngress = "publish ingress";

    public static Activity? StartPublish(KadoaFrame frame)
    {
        var span = BridgeTelemetry.StartRoot(BridgeTelemetry.ListenerSource, PublishIngress, ActivityKind.Producer);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("messaging.system", "eventgrid");
            span.SetTag("messaging.operation.type", "send");
            span.SetTag("messaging.destination.name", "ingress");
            span.SetTag("kadoa.event_type", frame.Type);
            span.SetTag("kadoa.delivery_id", frame.DeliveryId);
        }

        return span;
    }

    public static void Describe(Activity? span, MappedEvent mapped)
    {
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("cloudevents.event_id", mapped.Id);
            span.SetTag("cloudevents.event_type", mapped.Type);
        }
    }
}
