using System.Diagnostics;
using KadoaBridge.Core.Diagnostics;

namespace KadoaBridge.Core.Delivery;

/// <summary>
/// Delivery's span (OpenTelemetry messaging conventions): each destination publish is a <c>publish {destination}</c>
/// span (kind Producer), a child of ingest's <c>process ingress</c>, whose context the destination event carries.
/// </summary>
public static class DeliverySpans
{
    public static Activity? StartPublish(string destination)
    {
        var span = BridgeTelemetry.IngestSource.StartActivity("publish " + destination, ActivityKind.Producer);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("messaging.system", "eventgrid");
            span.SetTag("messaging.operation.type", "send");
            span.SetTag("messaging.destination.name", destination);
        }

        return span;
    }
}
