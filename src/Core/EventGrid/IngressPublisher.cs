using System.Buffers;
using Azure;
using Azure.Messaging.EventGrid;
using KadoaBridge.Core.Contract;

namespace KadoaBridge.Core.EventGrid;

/// <summary>
/// Publishes already-encoded CloudEvents to the ingress topic as one <c>application/cloudevents-batch+json</c>
/// request. The SDK retries transient faults (503, 429, timeouts); what remains is the caller's to handle.
/// </summary>
public sealed class IngressPublisher(EventGridPublisherClient client)
{
    /// <summary>Sends the events as one batch. Throws <see cref="RequestFailedException"/> when Event Grid refuses.</summary>
    public async Task PublishAsync(IReadOnlyList<MappedEvent> events, CancellationToken cancellationToken)
    {
        var size = 2 + events.Count;
        foreach (var e in events)
        {
            size += e.CloudEvent.Length;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var written = Encode(events, buffer);
            await client.SendEncodedCloudEventsAsync(buffer.AsMemory(0, written), cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>True for answers that say the events themselves are unacceptable (retrying the same bytes cannot help).</summary>
    public static bool IsRejection(RequestFailedException exception) => exception.Status is 400 or 413;

    private static int Encode(IReadOnlyList<MappedEvent> events, byte[] buffer)
    {
        var position = 0;
        buffer[position++] = (byte)'[';
        for (var i = 0; i < events.Count; i++)
        {
            if (i > 0)
            {
                buffer[position++] = (byte)',';
            }

            events[i].CloudEvent.Span.CopyTo(buffer.AsSpan(position));
            position += events[i].CloudEvent.Length;
        }

        buffer[position++] = (byte)']';
        return position;
    }
}
