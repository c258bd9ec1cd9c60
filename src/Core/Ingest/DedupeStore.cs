using Azure;
using Azure.Data.Tables;
using KadoaBridge.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Ingest;

/// <summary>
/// Durable dedupe on the CloudEvent id (table <c>Dedupe</c>, 4 hash buckets of ids; writes are batched per bucket): a
/// conditional insert claims the id with a lease and records where its change will be stored. An event is done when
/// its change is in history (<see cref="ChangeStore"/> writes the workflow row last), so finishing costs no write of
/// its own. During a burst of repeats (<see cref="RepeatRate"/>) history is asked first. The holder keeps its lease
/// alive while it works (<see cref="Hold"/>); a claim whose lease ran out (the instance died) can be taken over, so a
/// crash mid-processing never loses the event; the later steps are idempotent. Each claim writes its own token
/// (<c>Holder</c>), and renewing or releasing changes the row only while that token is still there (ETag-conditional),
/// so a holder that was taken over never touches the new holder's claim. Rows are removed after
/// <see cref="RetentionOptions.DedupeDays"/> (<see cref="PurgeAsync"/>); an event older than that is looked up in history
/// before it is claimed, so a repeat is caught without its row.
/// </summary>
public sealed partial class DedupeStore(
    TableServiceClient tables, TableBatcher batcher, ChangeStore changes, IOptions<RetentionOptions> retention, TimeProvider time, ILogger<DedupeStore> logger)
{
    private const int Buckets = 4;

    /// <summary>Claims lost to a row deleted in between before giving up (the queue retries the message).</summary>
    private const int MaxClaimAttempts = 3;

    private readonly TableClient _table = tables.GetTableClient(TableNames.Dedupe);

    /// <summary>How often this instance's recent claims were repeats.</summary>
    public RepeatRate Repeats { get; } = new();

    /// <summary>
    /// How long a claim keeps others away without renewal. Default 30 s: how soon a crashed holder's event is taken
    /// over. A live holder renews it every third of it (<see cref="Hold"/>), however long its work takes.
    /// </summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(30);

    private const char Separator = ',';

    /// <param name="proposed">Where this copy of the event would store its change.</param>
    /// <param name="timeFromEvent">The location comes from the event's own time, so every copy proposes the same one and a
    /// duplicate is recognised with one read of history. Otherwise the location recorded by the first claim counts.</param>
    public async Task<DedupeClaim> ClaimAsync(string id, ChangeLocation proposed, bool timeFromEvent, CancellationToken cancellationToken)
    {
        if (timeFromEvent && (Repeats.InBurst || MayOutliveItsRow(proposed.Time)) && await changes.ExistsAsync(proposed, cancellationToken))
        {
            Repeats.Observe(repeat: true);
            return new DedupeClaim(DedupeOutcome.AlreadyDone, Resumed: false, proposed);
        }

        var holder = Guid.NewGuid().ToString("N");
        for (var attempt = 0; attempt < MaxClaimAttempts; attempt++)
        {
            var now = time.GetUtcNow();
            var entity = new TableEntity(Partition(id), TableKeys.Escape(id))
            {
                ["LeaseUntil"] = now + Lease,
                ["Holder"] = holder,
                ["WorkflowId"] = proposed.WorkflowId,
                ["HistoryTicks"] = proposed.Time.UtcTicks,
                ["FirstSeen"] = now,
            };
            if (!timeFromEvent)
            {
                entity[Undated] = true; // the location is this claim's own time: retention keeps the row (see PurgeAsync)
            }

            try
            {
                await batcher.SubmitAsync(TableNames.Dedupe, new TableTransactionAction(TableTransactionActionType.Add, entity), 256, cancellationToken);
                Repeats.Observe(repeat: false);
                return new DedupeClaim(DedupeOutcome.Claimed, Resumed: false, proposed, holder);
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
            row["Holder"] = holder;
            try
            {
                await _table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Merge, cancellationToken);
                return new DedupeClaim(DedupeOutcome.Claimed, Resumed: true, recorded, holder, Published(row));
            }
            catch (RequestFailedException conflict) when (conflict.Status == 412)
            {
                return new DedupeClaim(DedupeOutcome.InProgressElsewhere, Resumed: false, recorded);
            }
        }

        return new DedupeClaim(DedupeOutcome.InProgressElsewhere, Resumed: false, proposed);
    }

    /// <summary>
    /// Keeps <paramref name="claim"/>'s lease alive until the returned lease is disposed: renewed every third of
    /// <see cref="Lease"/>, only while the claim is still this holder's.
    /// </summary>
    public DedupeLease Hold(string id, DedupeClaim claim) => new(token => RenewUntilStoppedAsync(id, claim, token));

    /// <summary>
    /// Gives up a claim after a failure, so the queue's retry can take it over at once, and records the destinations
    /// already published so that retry does not publish to them again. Only the claim's own holder changes the row.
    /// </summary>
    public async Task ReleaseAsync(string id, DedupeClaim claim, IEnumerable<string> published, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (await ReadOwnAsync(id, claim, cancellationToken) is not { } row)
        {
            return;
        }

        var merged = new SortedSet<string>(Published(row), StringComparer.Ordinal);
        merged.UnionWith(published);
        var entity = new TableEntity(Partition(id), TableKeys.Escape(id)) { ["LeaseUntil"] = time.GetUtcNow(), ["Published"] = string.Join(Separator, merged) };
        await UpdateOwnAsync(entity, row.ETag, cancellationToken);
    }

    /// <summary>Where an id's change is (or will be) stored in history, once the id has been claimed.</summary>
    public async Task<ChangeLocation?> FindHistoryAsync(string id, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition(id), TableKeys.Escape(id), ["WorkflowId", "HistoryTicks"], cancellationToken);
        return row.HasValue && row.Value is { } found ? Location(found, id) : null;
    }

    private async Task RenewUntilStoppedAsync(string id, DedupeClaim claim, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                // Nearly every lease ends before its first renewal: stopping must not throw (one exception per event).
                await Task.Delay(Lease / 3, time, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (stop.IsCancellationRequested)
                {
                    return; // the holder finished
                }

                try
                {
                    if (await ReadOwnAsync(id, claim, stop) is not { } row ||
                        !await UpdateOwnAsync(new TableEntity(Partition(id), TableKeys.Escape(id)) { ["LeaseUntil"] = time.GetUtcNow() + Lease }, row.ETag, stop))
                    {
                        Log.LeaseLost(logger, id);
                        return;
                    }
                }
                catch (Exception e) when (e is RequestFailedException or HttpRequestException)
                {
                    Log.LeaseRenewalFailed(logger, id, e); // the next tick tries again; the lease has two more ticks to go
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The holder finished.
        }
    }

    /// <summary>The claim's row while <paramref name="claim"/> still holds it; null once another holder took it over.</summary>
    private async Task<TableEntity?> ReadOwnAsync(string id, DedupeClaim claim, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition(id), TableKeys.Escape(id), ["LeaseUntil", "Holder", "Published"], cancellationToken);
        return row.HasValue && row.Value is { } found && claim.Holder is { } holder && found.GetString("Holder") == holder ? found : null;
    }

    /// <summary>Merges <paramref name="entity"/> if the row is unchanged since it was read; false when another holder wrote it.</summary>
    private async Task<bool> UpdateOwnAsync(TableEntity entity, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await _table.UpdateEntityAsync(entity, etag, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    private static HashSet<string> Published(TableEntity row) =>
        row.GetString("Published") is { Length: > 0 } list ? list.Split(Separator).ToHashSet(StringComparer.Ordinal) : new(StringComparer.Ordinal);

    private static ChangeLocation? Location(TableEntity row, string id) =>
        row.GetInt64("HistoryTicks") is { } ticks && ticks >= 0 && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? new ChangeLocation(row.GetString("WorkflowId"), new DateTimeOffset(ticks, TimeSpan.Zero), id)
            : null;

    private static string Partition(string id) => "d" + TableKeys.Bucket(id, Buckets);
}
