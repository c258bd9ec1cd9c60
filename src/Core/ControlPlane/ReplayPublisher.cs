using System.Text.Json;
using KadoaBridge.Core.Delivery;
using KadoaBridge.Core.Ingest;

namespace KadoaBridge.Core.ControlPlane;

/// <summary>
/// Republishes one stored change through the current routes, with its original CloudEvent id (subscribers dedupe on
/// it): ingest's <see cref="DeliveryService"/> in replay mode, optionally restricted to some destinations.
/// </summary>
public sealed class ReplayPublisher(DeliveryService delivery)
{
    /// <param name="only">Destination aliases to restrict to; null: every destination the rules choose.</param>
    public async Task<IReadOnlyDictionary<string, DeliveryState>> RepublishAsync(ChangeRecord record, IReadOnlySet<string>? only, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var document = JsonDocument.Parse(record.Event);
        var partition = ChangeStore.WorkflowPartition(record.WorkflowId);
        var row = ChangeStore.WorkflowRowKey(record.WorkflowId, record.Time, record.Id);
        var (_, states) = await delivery.DeliverAsync(record.Id, record.Event, document.RootElement, partition, row, DeliveryMode.Replay(only), cancellationToken);
        return states;
    }
}
