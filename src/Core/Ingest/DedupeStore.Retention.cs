using Azure.Data.Tables;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Core.Ingest;

/// <summary>Retention of the <c>Dedupe</c> table: which rows may go, and the history check that stands in for them.</summary>
public sealed partial class DedupeStore
{
    /// <summary>
    /// Set on the row of an event without a <c>time</c>: its change is stored under the time of its first claim, which
    /// only this row knows, so retention keeps it.
    /// </summary>
    private const string Undated = "Undated";

    /// <summary>
    /// How much earlier than the retention horizon ingest starts reading history first: the clocks of the instance that
    /// removes rows and of the one that claims may differ. One hour.
    /// </summary>
    private static readonly TimeSpan ClockMargin = TimeSpan.FromHours(1);

    private static readonly string[] RetentionColumns = ["LeaseUntil", Undated, "Published", "WorkflowId", "HistoryTicks"];

    /// <summary>
    /// Removes rows retention no longer needs: their lease ended before <paramref name="before"/>, nothing wrote them
    /// since (<c>Timestamp</c>), and their event's time is before it too, so any repeat of the event is looked up in
    /// history before it is claimed (<see cref="ClaimAsync"/>). Kept: a row of an event without a <c>time</c>, and a
    /// row that records destinations published by a failed attempt while its change is not in history (a recovery of
    /// the poison copy skips them). A live or renewed lease is never removed: it ends after <paramref name="before"/>,
    /// and a delete only succeeds on the row as read (ETag). Returns how many rows were removed.
    /// </summary>
    public async Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var partition in TableKeys.AllBuckets(Buckets).Select(bucket => "d" + bucket))
        {
            // Filtered by the service on Timestamp and the lease, one partition at a time: only rows past retention travel.
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {partition} and Timestamp lt {before} and LeaseUntil lt {before} and HistoryTicks lt {before.UtcTicks}");
            deleted += await TableDeletes.DeleteMatchingAsync(_table, filter, RetentionColumns, KeepAsync, cancellationToken);
        }

        return deleted;
    }

    private async ValueTask<bool> KeepAsync(TableEntity row, CancellationToken cancellationToken) =>
        row.GetBoolean(Undated) == true ||
        (Published(row).Count > 0 && Location(row, TableKeys.Unescape(row.RowKey)) is { } at && !await changes.ExistsAsync(at, cancellationToken));

    /// <summary>
    /// True when the row of an event of this time may have been removed by retention already (<see cref="PurgeAsync"/>
    /// removes only rows whose event time is past the horizon), so history has to be asked first.
    /// </summary>
    private bool MayOutliveItsRow(DateTimeOffset eventTime) => eventTime < time.GetUtcNow() - retention.Value.Dedupe + ClockMargin;
}
