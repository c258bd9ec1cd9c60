using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using KadoaBridge.Core.Delivery;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Bench.Soak;

/// <summary>The comparison: every emitted id against each topic, history, and the places items get stranded.</summary>
public sealed partial class SoakRun
{
    private async Task<SoakResult> CollectAsync(DrainOutcome drain, CancellationToken cancellationToken)
    {
        var emitted = _emitted.ToArray();
        var ingress = EventGrid.GetAcceptedIdCounts(IngressTopic);
        var tables = new TableServiceClient(Azurite.ConnectionString);
        var history = await ReadIdsAsync(tables.GetTableClient(TableNames.Changes), filter: null, cancellationToken);
        var deliveryStates = new Dictionary<(string Id, string Destination), string>();
        int failed = 0, dead = 0;
        foreach (var destination in SoakRouting.Destinations)
        {
            var deliveries = tables.GetTableClient(TableNames.Deliveries);
            foreach (var id in await ReadIdsAsync(deliveries, TableClient.CreateQueryFilter($"PartitionKey eq {DeliveryStore.FailedPartition(destination)}"), cancellationToken))
            {
                deliveryStates[(id, destination)] = "failed (awaiting redrive)";
                failed++;
            }

            foreach (var id in await ReadIdsAsync(deliveries, TableClient.CreateQueryFilter($"PartitionKey eq {DeliveryStore.DeadPartition(destination)}"), cancellationToken))
            {
                deliveryStates[(id, destination)] = "dead-lettered";
                dead++;
            }
        }

        List<DestinationFigures> figures = [];
        List<LostDelivery> lost = [];
        foreach (var destination in SoakRouting.Destinations)
        {
            var accepted = EventGrid.GetAcceptedIdCounts(destination);
            var expected = emitted.Where(change => change.Destinations.Contains(destination)).ToList();
            var missing = expected.Where(change => !accepted.ContainsKey(change.Id)).ToList();
            lost.AddRange(missing.Select(change => new LostDelivery(
                change.Id, change.WorkflowId, destination, change.At, ingress.ContainsKey(change.Id), history.Contains(change.Id),
                deliveryStates.GetValueOrDefault((change.Id, destination)))));
            var expectedIds = expected.Select(change => change.Id).ToHashSet(StringComparer.Ordinal);
            var duplicates = accepted.Where(pair => pair.Value > 1).ToList();
            var duplicateList = Duplicates(destination);
            figures.Add(new DestinationFigures(
                destination,
                expected.Count,
                expected.Count - missing.Count,
                missing.Count,
                duplicates.Count,
                duplicates.Sum(pair => pair.Value - 1),
                duplicateList.GroupBy(d => d.Cause).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
                accepted.Keys.Count(id => !expectedIds.Contains(id)),
                duplicateList));
        }

        // The whole lists go to the log; the report prints samples.
        foreach (var duplicate in figures.SelectMany(f => f.Duplicates.Select(d => (f.Name, d))))
        {
            Note($"duplicate at {duplicate.Name}: {duplicate.d.Id} first {duplicate.d.FirstAt:HH:mm:ss.fff}, again {duplicate.d.SecondAt:HH:mm:ss.fff} ({duplicate.d.Cause})");
        }

        foreach (var missing in lost)
        {
            Note($"lost at {missing.Destination}: {missing.Id} ({missing.WorkflowId}) emitted {missing.EmittedAt:HH:mm:ss.fff}; reached ingress {missing.ReachedIngress}, in history {missing.InHistory}, delivery row {missing.DeliveryState ?? "none"}");
        }

        var queues = new QueueServiceClient(Azurite.ConnectionString);
        var leftovers = new Leftovers(
            PoisonBlobs: await CountBlobsAsync(new BlobServiceClient(Azurite.ConnectionString).GetBlobContainerClient(ContainerNames.Poison), cancellationToken),
            PoisonQueue: await CountMessagesAsync(queues.GetQueueClient(QueueNames.IngressPoison), cancellationToken),
            IngressQueue: await CountMessagesAsync(queues.GetQueueClient(QueueNames.Ingress), cancellationToken),
            FailedDeliveries: failed,
            DeadLetteredDeliveries: dead,
            Quarantined: (await ReadIdsAsync(tables.GetTableClient(TableNames.Quarantine), filter: null, cancellationToken, property: "RowKey")).Count,
            IngressDeadLetters: EventGrid.GetDeadLettered(IngressSubscription).Count);
        return new SoakResult(
            _options,
            emitted.Length,
            EventGrid.GetAccepted(IngressTopic).Count,
            ingress.Count,
            emitted.Count(change => !ingress.ContainsKey(change.Id)),
            emitted.Count(change => history.Contains(change.Id)),
            figures,
            lost,
            leftovers,
            [.. _faults],
            drain,
            Directory);
    }

    /// <summary>
    /// For each id a topic accepted twice, the fault that explains it: the one whose window was active when the second copy
    /// arrived; else the one whose window (from 2 s before its start: work in flight when it hit) held the first copy, marked
    /// "(first copy)", as a killed host's work that comes back only when its queue message does; else the most recent one
    /// before the second copy, marked "(after)".
    /// </summary>
    private List<DuplicateDelivery> Duplicates(string topic)
    {
        var first = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var counted = new HashSet<string>(StringComparer.Ordinal);
        List<DuplicateDelivery> duplicates = [];
        var inFlight = TimeSpan.FromSeconds(2);
        foreach (var accepted in EventGrid.GetAccepted(topic))
        {
            if (first.TryAdd(accepted.Id, accepted.AcceptedAt) || !counted.Add(accepted.Id))
            {
                continue;
            }

            var at = accepted.AcceptedAt;
            var firstAt = first[accepted.Id];
            var cause = _faults.LastOrDefault(f => f.Start - inFlight <= at && at <= f.End)?.Name
                ?? (_faults.LastOrDefault(f => f.Start - inFlight <= firstAt && firstAt <= f.End) is { } held ? held.Name + " (first copy)" : null)
                ?? (_faults.LastOrDefault(f => f.Start <= at) is { } recent ? recent.Name + " (after)" : "before any fault");
            duplicates.Add(new DuplicateDelivery(accepted.Id, firstAt, at, cause));
        }

        return duplicates;
    }

    private static async Task<HashSet<string>> ReadIdsAsync(TableClient table, string? filter, CancellationToken cancellationToken, string property = "Id")
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(filter, select: [property], cancellationToken: cancellationToken))
            {
                if (row.GetString(property) is { } id)
                {
                    ids.Add(id);
                }
            }
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // The table was never created: nothing went there.
        }

        return ids;
    }

    private static async Task<int> CountBlobsAsync(BlobContainerClient container, CancellationToken cancellationToken)
    {
        if (!await container.ExistsAsync(cancellationToken))
        {
            return 0;
        }

        var count = 0;
        await foreach (var _ in container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            count++;
        }

        return count;
    }

    private static async Task<int> CountMessagesAsync(QueueClient queue, CancellationToken cancellationToken) =>
        await queue.ExistsAsync(cancellationToken) ? (await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount : 0;
}
