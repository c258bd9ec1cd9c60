using System.Text.Json;
using Azure;
using KadoaBridge.Core.Contract;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Core.ControlPlane;

/// <summary>
/// Reads change history for the control plane: pages of stored changes, and one change with its snapshot (inline, or
/// by reference to the payload container, also inside a claim-checked <c>data</c>).
/// </summary>
public sealed class ChangeHistory(ChangeStore changes, DedupeStore dedupe, ClaimCheckStore blobs, TimeProvider time)
{
    /// <summary>One page, newest first. Throws <see cref="InvalidContinuationTokenException"/> for a token this service did not issue.</summary>
    public async Task<ChangeList> QueryAsync(ChangeQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ChangePage page;
        try
        {
            page = await changes.QueryAsync(query, time.GetUtcNow(), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 400 && query.ContinuationToken is not null)
        {
            // The token decoded but its inner position is not one the Table service accepts: a tampered token.
            throw new InvalidContinuationTokenException("The continuation token is not valid: pass back the one a previous page returned.", e);
        }

        return new ChangeList([.. page.Items.Select(r => new ChangeItem(r.Id, r.WorkflowId, r.Type, r.Subject, r.Time, Parse(r.Event)))], page.ContinuationToken);
    }

    /// <summary>The change <paramref name="changeId"/> of workflow <paramref name="workflowId"/>; null when either is unknown or they do not belong together.</summary>
    public async Task<ChangeDetail?> GetAsync(string workflowId, string changeId, CancellationToken cancellationToken)
    {
        if (await dedupe.FindHistoryAsync(changeId, cancellationToken) is not { } location ||
            await changes.GetAsync(location.Partition, location.Row, cancellationToken) is not { } record ||
            !string.Equals(record.WorkflowId, workflowId, StringComparison.Ordinal))
        {
            return null;
        }

        var cloudEvent = Parse(record.Event);
        var snapshot = cloudEvent is { } root ? await FromEventAsync(root, record.Id, cancellationToken) : null;
        return new ChangeDetail(record.Id, record.WorkflowId, record.Type, record.Subject, record.Time, cloudEvent, snapshot);
    }

    private async Task<JsonElement?> FromEventAsync(JsonElement cloudEvent, string id, CancellationToken cancellationToken)
    {
        if (!cloudEvent.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (data.TryGetProperty(CloudEventNames.PayloadRef, out var payloadRef))
        {
            // The listener claim-checked the whole data: the snapshot is inside it (or referenced from it).
            return await ReadAsync(payloadRef, id, BlobNames.Data, cancellationToken) is { ValueKind: JsonValueKind.Object } payload
                ? await FromDataAsync(payload, id, cancellationToken)
                : null;
        }

        return await FromDataAsync(data, id, cancellationToken);
    }

    private async Task<JsonElement?> FromDataAsync(JsonElement data, string id, CancellationToken cancellationToken) =>
        data.TryGetProperty(CloudEventNames.Snapshot, out var inline) ? inline.Clone()
        : data.TryGetProperty(CloudEventNames.SnapshotRef, out var reference) ? await ReadAsync(reference, id, BlobNames.Snapshot, cancellationToken)
        : null;

    /// <summary>
    /// Follows a <c>{url, size, contentType}</c> reference of change <paramref name="id"/>; null (the snapshot shows as
    /// unavailable) when it is not that change's own <paramref name="part"/> blob in the payload container, or the blob is gone.
    /// </summary>
    private async Task<JsonElement?> ReadAsync(JsonElement reference, string id, string part, CancellationToken cancellationToken) =>
        reference.ValueKind == JsonValueKind.Object && reference.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String &&
        await blobs.ReadReferenceAsync(url.GetString(), id, part, cancellationToken) is { } content
            ? Parse(content.ToMemory())
            : null;

    private static JsonElement? Parse(ReadOnlyMemory<byte> json)
    {
        if (json.IsEmpty)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
