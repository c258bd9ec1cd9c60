using System.Diagnostics;
using Azure.Data.Tables;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Bench.Ingest;

/// <summary>
/// Azurite's own ceiling, in the same run, for the entity writes ingest makes per new event (src/Core/Ingest): one dedupe
/// claim (<see cref="DedupeStore"/>: an insert of five small properties, ids over 4 partitions of <c>Dedupe</c>) and two
/// history rows (<see cref="ChangeStore"/>: upserts of the same properties and the event's bytes, workflows over 8
/// partitions of <c>Changes</c>). Written as entity-group transactions of 100 operations, one partition per transaction,
/// one transaction in flight per partition (as <see cref="TableBatcher"/> sends them), with nothing else: no reads, no
/// publishing, no parsing. So ingest's events/s over this is the share of what storage allows that ingest reaches.
/// </summary>
public static class AzuriteCeiling
{
    private const int DedupeBuckets = 4;

    /// <summary>Writes the rows of <paramref name="messages"/> (fresh ids) and returns events/s: events whose three rows are stored, per second.</summary>
    public static async Task<double> MeasureAsync(TableServiceClient tables, IReadOnlyList<byte[]> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(messages);
        var partitions = new Dictionary<(string Table, string Partition), List<TableTransactionAction>>();
        var run = Guid.NewGuid().ToString("N")[..8];
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < messages.Count; i++)
        {
            var id = $"chg-ceiling-{run}-{i:D7}";
            var workflow = $"wf-{i % 50}";
            var time = now.AddMilliseconds(-i);
            Add(partitions, TableNames.Dedupe, TableTransactionActionType.Add, new TableEntity("d" + TableKeys.Bucket(id, DedupeBuckets), TableKeys.Escape(id))
            {
                ["LeaseUntil"] = now.AddSeconds(30),
                ["Holder"] = Guid.NewGuid().ToString("N"),
                ["WorkflowId"] = workflow,
                ["HistoryTicks"] = time.UtcTicks,
                ["FirstSeen"] = now,
            });
            var byWorkflow = new TableEntity(ChangeStore.WorkflowPartition(workflow), ChangeStore.WorkflowRowKey(workflow, time, id))
            {
                ["Id"] = id,
                ["WorkflowId"] = workflow,
                ["Type"] = "Kadoa.Workflow.DataChanged",
                ["Subject"] = $"workflows/{workflow}/changes/{id}",
                ["Time"] = time,
                ["Event"] = messages[i],
            };
            Add(partitions, TableNames.Changes, TableTransactionActionType.UpsertReplace, new TableEntity(byWorkflow) { RowKey = ChangeStore.TimeRowKey(time, id) });
            Add(partitions, TableNames.Changes, TableTransactionActionType.UpsertReplace, byWorkflow);
        }

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(partitions.Select(async partition =>
        {
            var table = tables.GetTableClient(partition.Key.Table);
            foreach (var transaction in partition.Value.Chunk(TableBatcher.MaxOperations))
            {
                await table.SubmitTransactionAsync(transaction, cancellationToken);
            }
        }));
        return messages.Count / clock.Elapsed.TotalSeconds;
    }

    private static void Add(Dictionary<(string, string), List<TableTransactionAction>> partitions, string table, TableTransactionActionType type, TableEntity entity)
    {
        if (!partitions.TryGetValue((table, entity.PartitionKey), out var actions))
        {
            partitions[(table, entity.PartitionKey)] = actions = [];
        }

        actions.Add(new TableTransactionAction(type, entity));
    }
}
