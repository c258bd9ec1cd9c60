using Azure.Data.Tables;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Core.Ingest;

/// <summary>
/// Why ingress messages failed, in table <c>Status</c>: partition <c>ingest-failure</c> holds one row per message (its
/// latest failure), which <c>/api/status</c> shows; partition <c>ingest-failure-attempt</c> one row per failed attempt,
/// keyed by the CloudEvent id. The Functions runtime moves a message that failed every attempt to the poison queue as a
/// new message (a new message id, the same body), so <see cref="PoisonKeeper"/> finds its reasons by the CloudEvent id.
/// </summary>
public sealed class IngestFailureStore(TableServiceClient tables, TimeProvider time)
{
    public const string Partition = "ingest-failure";

    /// <summary>One row per failed attempt; row key <c>{event id}|{message id}|{attempt}</c>, escaped.</summary>
    public const string AttemptPartition = "ingest-failure-attempt";

    /// <summary>Attempt rows read to find an event's reasons. 200.</summary>
    private const int MaxAttemptRows = 200;

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
            ["Reason"] = Truncate(reason),
            ["DequeueCount"] = dequeueCount,
            ["Poisoned"] = poisoned,
            ["At"] = now,
            ["EventId"] = eventId,
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
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

    /// <summary>The most recent failures (any order within the partition), at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<(string MessageId, string Reason, bool Poisoned, DateTimeOffset? At)>> ListAsync(int max, CancellationToken cancellationToken)
    {
        var rows = new List<(string, string, bool, DateTimeOffset?)>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
        {
            rows.Add((TableKeys.Unescape(row.RowKey), row.GetString("Reason") ?? "", row.GetBoolean("Poisoned") ?? false, row.GetDateTimeOffset("At")));
            if (rows.Count >= max)
            {
                break;
            }
        }

        return rows;
    }

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
