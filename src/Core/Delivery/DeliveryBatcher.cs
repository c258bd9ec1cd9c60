using System.Collections.Concurrent;
using Azure;
using Azure.Messaging.EventGrid;
using KadoaBridge.Core.Batching;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.EventGrid;

namespace KadoaBridge.Core.Delivery;

/// <summary>
/// Delivery's batching per destination topic (<see cref="GroupCommit{T}"/>): concurrent deliveries share one
/// <c>cloudevents-batch</c> request of at most 1 MB. Event Grid accepts or refuses a batch whole; when it refuses one
/// as invalid (400/413), its events are sent one by one so only the bad event fails.
/// </summary>
public sealed class DeliveryBatcher(DestinationClients clients)
{
    /// <summary>Event Grid's 1 MB per request, less the brackets.</summary>
    public const int MaxRequestBytes = 1_048_576 - 16;

    public const int MaxEvents = 500;

    private readonly ConcurrentDictionary<string, GroupCommit<ReadOnlyMemory<byte>>> _queues = new(StringComparer.Ordinal);

    public Task PublishAsync(string destination, ReadOnlyMemory<byte> cloudEvent, CancellationToken cancellationToken)
    {
        var queue = _queues.GetOrAdd(destination, alias =>
        {
            var client = clients.Get(alias);
            return new GroupCommit<ReadOnlyMemory<byte>>(batch => SendAsync(client, batch), Fits);
        });
        return queue.SubmitAsync(cloudEvent, cloudEvent.Length + 1, cancellationToken);
    }

    private static bool Fits(List<Pending<ReadOnlyMemory<byte>>> batch, Pending<ReadOnlyMemory<byte>> next) =>
        batch.Count < MaxEvents && batch.Sum(p => p.Bytes) + next.Bytes <= MaxRequestBytes;

    private static async Task SendAsync(EventGridPublisherClient client, List<Pending<ReadOnlyMemory<byte>>> batch)
    {
        try
        {
            await client.SendEncodedCloudEventsAsync(Encode(batch), CancellationToken.None);
            batch.ForEach(p => p.Done.TrySetResult());
        }
        catch (RequestFailedException e) when (Failures.IsRejection(e) && batch.Count > 1)
        {
            foreach (var pending in batch)
            {
                try
                {
                    await client.SendEncodedCloudEventsAsync(Encode([pending]), CancellationToken.None);
                    pending.Done.TrySetResult();
                }
                catch (Exception single)
                {
                    pending.Done.TrySetException(single);
                }
            }
        }
    }

    private static byte[] Encode(List<Pending<ReadOnlyMemory<byte>>> batch)
    {
        var events = batch.ConvertAll(p => p.Item);
        var buffer = new byte[CloudEventBatch.Size(events)];
        CloudEventBatch.Write(events, buffer);
        return buffer;
    }
}
