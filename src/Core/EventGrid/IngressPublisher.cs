using System.Buffers;
using Azure;
using Azure.Messaging.EventGrid;

namespace KadoaBridge.Core.EventGrid;

/// <summary>
/// Publishes already-encoded CloudEvents to the ingress topic as one <c>application/cloudevents-batch+json</c>
/// request. The SDK retries transient faults (503, 429, timeouts); what remains is the caller's to handle.
/// </summary>
public sealed class IngressPublisher(EventGridPublisherClient client)
{
    /// <summary>Sends the events as one batch. Throws <see cref="RequestFailedException"/> when Event Grid refuses.</summary>
    public async Task PublishAsync(IReadOnlyList<ReadOnlyMemory<byte>> events, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CloudEventBatch.Size(events));
        try
        {
            var written = CloudEventBatch.Write(events, buffer);
            await client.SendEncodedCloudEventsAsync(buffer.AsMemory(0, written), cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
