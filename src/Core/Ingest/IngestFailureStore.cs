using Azure.Data.Tables;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Core.Ingest;

/// <summary>
/// Why ingress messages failed, in table <c>Status</c>. Partition <c>ingest-failure</c> holds one row per message (its
/// latest failure, keyed by message id) and, stored with it in one transaction, a time index row per failed attempt
/// (<c>%time|{newest first}|{message id}|{attempt}</c>), which <see cref="ListAsync"/> reads so the latest failures are
/// the latest by time. Partition <c>ingest-failure-attempt</c> holds one row per failed attempt keyed by the CloudEvent
/// id: the Functions runtime moves a message that failed every attempt to the poison queue as a new message (a new
/// message id, the same body), so <see cref="PoisonKeeper"/> finds its reasons by the CloudEvent id. Every row has
/// <c>At</c>, the time of its failure, by which retention removes it.
/// </summary>
public sealed class IngestFailureStore(TableServiceClient tables, TimeProvider time)
{
    public const string Partition = "ingest-failure";

    /// <summary>One row per failed attempt; row key <c>{event id}|{message id}|{attempt}</c>, escaped.</summary>
    public const string AttemptPartition = "ingest-failure-attempt";

    /// <summary>Attempt rows read to find an event's reasons. 200.</summary>
    private const int MaxAttemptRows = 200;

    /// <summary>
    /// The time index's row-key prefix. An escaped message id never starts with it: <see cref="TableKeys.Escape"/> writes
    /// '%' only before two upper-case hex digits.
    /// </summary>
    private const string TimeIndex = "%time|";

    /// <summary>Time index rows read per failure listed: a message has a row per failed attempt (5 before it is poisoned).</summary>
    private const int ScanRowsPerFailure = 8;

    private readonly TableClient _table = tables.GetTableClient(TableNames.Status);

    public Task RecordAsync(string messageId, long dequeueCount, bool poisoned, string reason, CancellationToken cancellationToken) =>
        RecordAsync(messageId, ReadOnlyMemory<byte>.Empty, dequeueCount, poisoned, reason, cancellationToken);

    /// <summary>Records a failed attempt of <paramref name="message"/>; its CloudEvent id, when it has one, keys the attempt row.</summary>
    public async Task RecordAsync(string messageId, ReadOnlyMemory<byte> message, long dequeueCount, bool poisoned, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var now = time.GetUtcNow();
        var eventId = message.IsEmpty ? null : IngestEvent.TryReadId(message);
        var entity = new TableEntity(Partition, TableKeys.Escape(messageId))
        {
            ["MessageId"] = messageId,
            ["Reason"] = Truncate(reason),
            ["DequeueCount"] = dequeueCount,
            ["Poisoned"] = poisoned,
            ["At"] = now,
            ["EventId"] = eventId,
        };
        TableTransactionAction[] rows = TimeKey(now, messageId, dequeueCount) is { } timeKey
            ? [new(TableTransactionActionType.UpsertReplace, entity), new(TableTransactionActionType.UpsertReplace, new TableEntity(entity) { RowKey = timeKey, ETag = default })]
            : [new(TableTransactionActionType.UpsertReplace, entity)];
        await _table.SubmitTransactionAsync(rows, cancellationToken);
        if (eventId is not null && AttemptKey(eventId, messageId, dequeueCount) is { } rowKey)
        {
            var attempt = new TableEntity(AttemptPartition, rowKey)
            {
                ["EventId"] = eventId,
                ["MessageId"] = messageId,
                ["Attempt"] = dequeueCount,
                ["Reason"] = Truncate(reason),
                ["At"] = now,
            };
            await _table.UpsertEntityAsync(attempt, TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <summary>The failed attempts recorded for CloudEvent <paramref name="eventId"/>, oldest first, the latest <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<FailureReason>> ReasonsAsync(string eventId, int max, CancellationToken cancellationToken)
    {
        var prefix = TableKeys.Escape(eventId) + "|";
        var end = prefix[..^1] + "}"; // '}' follows '|': every key that starts with the prefix sorts below it
        var rows = new List<FailureReason>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {AttemptPartition} and RowKey ge {prefix} and RowKey lt {end}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(new FailureReason(row.GetString("MessageId") ?? "", row.GetInt64("Attempt") ?? 0, row.GetString("Reason") ?? "", row.GetDateTimeOffset("At")));
            if (rows.Count >= MaxAttemptRows)
            {
                break;
            }
        }

        return [.. rows.OrderBy(r => r.At ?? DateTimeOffset.MinValue).ThenBy(r => r.Attempt).TakeLast(max)];
    }

    /// <summary>
    /// The latest failures by time, newest first, one per message (its latest), at most <paramref name="max"/>: read from
    /// the time index in key order, so the newest come first whatever their message ids.
    /// </summary>
    public async Task<IReadOnlyList<(string MessageId, string Reason, bool Poisoned, DateTimeOffset? At)>> ListAsync(int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var rows = new List<(string, string, bool, DateTimeOffset?)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var scanned = 0;
        var scanLimit = (int)Math.Min(int.MaxValue, (long)max * ScanRowsPerFailure);
        var end = TimeIndex[..^1] + "}"; // '}' follows '|': every time index key sorts below it
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {TimeIndex} and RowKey lt {end}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(1000, scanLimit), cancellationToken: cancellationToken))
        {
            if (row.GetString("MessageId") is { } messageId && seen.Add(messageId))
            {
                rows.Add((messageId, row.GetString("Reason") ?? "", row.GetBoolean("Poisoned") ?? false, row.GetDateTimeOffset("At")));
            }

            if (rows.Count >= max || ++scanned >= scanLimit)
            {
                break;
            }
        }

        return rows;
    }

    /// <summary>
    /// Removes the failures recorded before <paramref name="before"/>: message rows, time index rows and attempt rows.
    /// Returns how many rows were removed.
    /// </summary>
    public async Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var partition in new[] { Partition, AttemptPartition })
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and Timestamp lt {before} and At lt {before}");
            deleted += await TableDeletes.DeleteMatchingAsync(_table, filter, ["At"], null, cancellationToken);
        }

        return deleted;
    }

    /// <summary>The time index row's key; null when the message id is too long for a table key (the failure then has only its message row).</summary>
    private static string? TimeKey(DateTimeOffset at, string messageId, long attempt) =>
        TimeIndex + TableKeys.NewestFirst(at) + "|" + TableKeys.Escape(messageId) + "|" + attempt.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) is { Length: <= 1024 } key ? key : null;

    /// <summary>The attempt row's key; null when the ids are too long for a table key (the attempt then has only its message row).</summary>
    private static string? AttemptKey(string eventId, string messageId, long attempt)
    {
        try
        {
            return TableKeys.Escape(eventId) + "|" + TableKeys.Escape(messageId) + "|" + attempt.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) is { Length: <= 1024 } key ? key : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string Truncate(string reason) => reason.Length > 4000 ? reason[..4000] : reason;
}
