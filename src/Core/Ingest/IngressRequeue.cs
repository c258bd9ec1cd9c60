using Azure.Storage.Queues;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Core.Ingest;

/// <summary>
/// Hands an ingress message back without spending one of its attempts: a new copy (same body, same CloudEvent id) goes
/// on the ingress queue, visible after one dedupe lease, and the triggering message completes. Failing the message
/// instead would count toward its poison limit, and a copy waiting for another instance is not failing. The wait is
/// bounded: a live holder finishes, a dead one's lease runs out and the copy takes it over.
/// </summary>
public sealed class IngressRequeue(QueueServiceClient queues, DedupeStore dedupe)
{
    /// <summary>A requeued message never expires (-1): it waits on the ingress queue however long ingest is down.</summary>
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    private readonly QueueClient _ingress = queues.GetQueueClient(QueueNames.Ingress);

    public async Task HandBackAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken) =>
        await SendAsync(message, dedupe.Lease, cancellationToken);

    /// <summary>Puts a CloudEvent on the ingress queue, as Event Grid does, visible after <paramref name="delay"/>; it never expires.</summary>
    public async Task SendAsync(ReadOnlyMemory<byte> message, TimeSpan delay, CancellationToken cancellationToken) =>
        await _ingress.SendMessageAsync(BinaryData.FromBytes(message), visibilityTimeout: delay, timeToLive: NeverExpires, cancellationToken);
}
