using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Core.Ingest;

/// <summary>
/// Change history in table <c>Changes</c>. Workflows share 8 partitions (<c>wf|{bucket}</c>), and each change is two rows
/// of its workflow's partition, stored in one transaction: <c>{workflow}|{newest first}|{id}</c> (the workflow's history
/// is one key range) and <c>%time|{newest first}|{id}</c> (the time index; a query without a workflow merges it across
/// the 8 partitions). No partition takes every write (Azure serves about 2,000 entities/s per partition), and
/// concurrent changes share batches. Queries use the SDK's parameterised filters; events too large for a binary
/// property (64 KiB) live in the payload container.
/// </summary>
public sealed partial class ChangeStore(TableServiceClient tables, TableBatcher batcher, ClaimCheckStore blobs)
{
    private const int MaxInlineEventBytes = 60 * 1024;
    private const string NoWorkflow = "_team";

    /// <summary>Workflows share 8 partitions (rows keyed by workflow first), so concurrent writes batch well.</summary>
    private const int WorkflowBuckets = 8;

    /// <summary>
    /// The time index's row-key prefix. An escaped workflow never starts with it: <see cref="TableKeys.Escape"/> writes
    /// '%' only before two upper-case hex digits.
    /// </summary>
    private const string TimeIndex = "%time|";

    private readonly TableClient _table = tables.GetTableClient(TableNames.Changes);

    public static string WorkflowPartition(string? workflowId) => "wf|" + TableKeys.Bucket(workflowId ?? NoWorkflow, WorkflowBuckets);

    /// <summary>The workflow index row: <c>{workflow}|{newest first}|{id}</c>, so one workflow's history is one key range.</summary>
    public static string WorkflowRowKey(string? workflowId, DateTimeOffset time, string id) => WorkflowPrefix(workflowId) + RowKey(time, id);

    /// <summary>The time index row: <c>%time|{newest first}|{id}</c>.</summary>
    public static string TimeRowKey(DateTimeOffset time, string id) => TimeIndex + RowKey(time, id);

    private static string RowKey(DateTimeOffset time, string id) => TableKeys.NewestFirst(time) + "|" + TableKeys.Escape(id);

    private static string WorkflowPrefix(string? workflowId) => TableKeys.Escape(workflowId ?? NoWorkflow) + "|";

    private static IEnumerable<string> WorkflowPartitions() => TableKeys.AllBuckets(WorkflowBuckets).Select(bucket => "wf|" + bucket);

    /// <summary>
    /// Stores (or overwrites: idempotent) the event's two rows in one transaction. The workflow row's presence marks the
    /// event done (<see cref="DedupeStore"/>), and the time row is always stored with it.
    /// </summary>
    public async Task SaveAsync(IngestEvent e, ChangeLocation at, CancellationToken cancellationToken)
    {
        var byWorkflow = new TableEntity(at.Partition, at.Row)
        {
            ["Id"] = e.Id,
            ["WorkflowId"] = e.WorkflowId,
            ["Type"] = e.Type,
            ["Subject"] = e.Subject,
            ["Time"] = at.Time,
        };
        if (e.Bytes.Length <= MaxInlineEventBytes)
        {
            byWorkflow["Event"] = e.Bytes;
        }
        else
        {
            byWorkflow["EventBlob"] = (await blobs.UploadAsync(BlobNames.For(e.Id, BlobNames.Event), e.Bytes, "application/json", cancellationToken)).AbsoluteUri;
        }

        var byTime = new TableEntity(byWorkflow) { RowKey = at.TimeRow, ETag = default };
        await batcher.SubmitAsync(
            TableNames.Changes,
            [new TableTransactionAction(TableTransactionActionType.UpsertReplace, byTime), new TableTransactionAction(TableTransactionActionType.UpsertReplace, byWorkflow)],
            2 * (e.Bytes.Length + 512),
            cancellationToken);
    }

    /// <summary>True when the change is stored (its workflow row exists): read by key, keys only.</summary>
    public async Task<bool> ExistsAsync(ChangeLocation at, CancellationToken cancellationToken) =>
        (await _table.GetEntityIfExistsAsync<TableEntity>(at.Partition, at.Row, ["RowKey"], cancellationToken)).HasValue;

    public async Task<ChangeRecord?> GetAsync(string partition, string row, CancellationToken cancellationToken)
    {
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is not null ? await ToRecordAsync(found.Value, cancellationToken) : null;
    }

    private async Task<ChangeRecord> ToRecordAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var id = row.GetString("Id") ?? "";
        ReadOnlyMemory<byte> bytes = row.GetBinary("Event") ?? Array.Empty<byte>();
        if (bytes.Length == 0 && row.GetString("EventBlob") is { } blobUrl)
        {
            // Read as any reference: by the name computed for the id (rows written before hold the old name's URL).
            bytes = (await blobs.ReadReferenceAsync(blobUrl, id, BlobNames.Event, cancellationToken))?.ToMemory() ?? Array.Empty<byte>();
        }

        return new ChangeRecord(
            id,
            row.GetString("WorkflowId"),
            row.GetString("Type") ?? "",
            row.GetString("Subject"),
            row.GetDateTimeOffset("Time") ?? DateTimeOffset.MinValue,
            bytes);
    }

    /// <param name="Partition">The workflow partition, or <see cref="TimeQuery"/> for the time index.</param>
    /// <param name="Token">In a workflow partition, the Table service's own token; in the time index, the row key of the
    /// last change returned (the partitions are merged, so one position holds for all of them).</param>
    /// <param name="Workflow">The workflow the query was for ("" for the time index): workflows share partitions, so the
    /// partition alone does not tie a token to its query. Null in a token that does not carry it.</param>
    private sealed record Continuation(string Partition, string? Token, string? Workflow);

    private static string Encode(Continuation continuation) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new[] { continuation.Partition, continuation.Token ?? "", continuation.Workflow ?? "" })))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static Continuation Decode(string token)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var parts = JsonSerializer.Deserialize<string[]>(Convert.FromBase64String(base64));
            if (parts is not { Length: 2 or 3 } || parts[0] is not { } partition || parts[1] is not { } sdkToken ||
                !(partition.StartsWith("wf|", StringComparison.Ordinal) || partition == TimeQuery))
            {
                throw new InvalidContinuationTokenException();
            }

            return new Continuation(partition, sdkToken.Length == 0 ? null : sdkToken, parts.Length == 3 ? parts[2] : null);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw new InvalidContinuationTokenException("The continuation token is not valid: pass back the one a previous page returned.", e);
        }
    }
}
