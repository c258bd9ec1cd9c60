using Azure;
using Azure.Data.Tables;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Core.Ingest;

/// <summary>
/// Durable dedupe on the CloudEvent id (table <c>Dedupe</c>, 4 hash buckets of ids; writes are batched per bucket): a
/// conditional insert claims the id with a lease and records where its change will be stored. An event is done when
/// its change is in history (<see cref="ChangeStore"/> writes the workflow row last), so finishing costs no write of
/// its own. During a burst of repeats (<see cref="RepeatRate"/>) history is asked first. A claim whose lease ran out
/// (the instance died) can be taken over, so a crash mid-processing never loses the event; the later steps are
/// idempotent.
/// </summary>
public sealed class DedupeStore(TableServiceClient tables, TableBatcher batcher, ChangeStore changes, TimeProvider time)
{
    private const int Buckets = 4;

    /// <summary>Claims lost to a row deleted in between before giving up (the queue retries the message).</summary>
    private const int MaxClaimAttempts = 3;

    private readonly TableClient _table = tables.GetTableClient(TableNames.Dedupe);

    /// <summary>How often this instance's recent claims were repeats.</summary>
    public RepeatRate Repeats { get; } = new();

    /// <summary>How long a claim keeps others away. Default 30 s: far above one event's processing time, short enough for queue retries.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(30);

    /// <param name="proposed">Where this copy of the event would store its change.</param>
    /// <param name="timeFromEvent">The location comes from the event's own time, so every copy proposes the same one and a
    /// duplicate is recognised with one read of history. Otherwise the location recorded by the first claim counts.</param>
    public async Task<DedupeClaim> ClaimAsync(string id, ChangeLocation proposed, bool timeFromEvent, CancellationToken cancellationToken)
    {
        if (timeFromEvent && Repeats.InBurst && await changes.ExistsAsync(proposed, cancellationToken))
        {
            Repeats.Observe(repeat: true);
            return new DedupeClaim(DedupeOutcome.AlreadyDone, Resumed: false, proposed);
        }

        for (var attempt = 0; attempt < MaxClaimAttempts; attempt++)
        {
            var now = time.GetUtcNow();
            var entity = new TableEntity(Partition(id), TableKeys.Escape(id))
            {
                ["LeaseUntil"] = now + Lease,
                ["WorkflowId"] = proposed.WorkflowId,
                ["HistoryTicks"] = proposed.Time.UtcTicks,
                ["FirstSeen"] = now,
            };
            try
            {
                await batcher.SubmitAsync(TableNames.Dedupe, new TableTransactionAction(TableTransactionActionType.Add, entity), 256, cancellationToken);
                Repeats.Observe(repeat: false);
                return new DedupeClaim(DedupeOutcome.Claimed, Resumed: false, proposed);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Seen before: done, in progress elsewhere, or abandoned by an instance that died.
                Repeats.Observe(repeat: true);
            }

            if (timeFromEvent && await changes.ExistsAsync(proposed, cancellationToken))
            {
                return new DedupeClaim(DedupeOutcome.AlreadyDone, Resumed: false, proposed);
            }

            var existing = await _table.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken);
            if (!existing.HasValue || existing.Value is not { } row)
            {
                continue; // removed in between: claim again
            }

            var recorded = Location(row, id) ?? proposed;
            if ((!timeFromEvent || recorded != proposed) && await changes.ExistsAsync(recorded, cancellationToken))
            {
                return new DedupeClaim(DedupeOutcome.AlreadyDone, Resumed: false, recorded);
            }

            if (row.GetDateTimeOffset("LeaseUntil") is { } until && until > now)
            {
                return new DedupeClaim(DedupeOutcome.InProgressElsewhere, Resumed: false, recorded);
            }

            row["LeaseUntil"] = now + Lease;
            row["TakenOverAt"] = now;
            try
            {
                await _table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Merge, cancellationToken);
                return new DedupeClaim(DedupeOutcome.Claimed, Resumed: true, recorded);
            }
            catch (RequestFailedException conflict) when (conflict.Status == 412)
            {
                return new DedupeClaim(DedupeOutcome.InProgressElsewhere, Resumed: false, recorded);
            }
        }

        return new DedupeClaim(DedupeOutcome.InProgressElsewhere, Resumed: false, proposed);
    }

    /// <summary>Gives up a claim after a failure, so the queue's retry can take it over at once.</summary>
    public async Task ReleaseAsync(string id, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition(id), TableKeys.Escape(id)) { ["LeaseUntil"] = time.GetUtcNow() };
        await _table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>Where an id's change is (or will be) stored in history, once the id has been claimed.</summary>
    public async Task<ChangeLocation?> FindHistoryAsync(string id, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition(id), TableKeys.Escape(id), ["WorkflowId", "HistoryTicks"], cancellationToken);
        return row.HasValue && row.Value is { } found ? Location(found, id) : null;
    }

    private static ChangeLocation? Location(TableEntity row, string id) =>
        row.GetInt64("HistoryTicks") is { } ticks && ticks >= 0 && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? new ChangeLocation(row.GetString("WorkflowId"), new DateTimeOffset(ticks, TimeSpan.Zero), id)
            : null;

    private static string Partition(string id) => "d" + TableKeys.Bucket(id, Buckets);
}
