using System.Globalization;
using System.Text;
using System.Text.Json;
using KadoaBridge.Core.Contract;
using KadoaBridge.Core.Forwarding;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Kadoa;
using KadoaBridge.Core.Kadoa.Realtime;
using KadoaBridge.Core.Storage;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Reconcile;

/// <summary>
/// Compares one page of Kadoa's record of changes with history and sends each change history lacks into the ingress
/// queue, as the CloudEvent the realtime path would have produced (same id, type, source, subject, data; no
/// <c>kadoadeliveryid</c>; <c>kadoaorigin: backfill</c>). Ingest then deduplicates, routes, delivers and stores it like
/// any event, so a change that reached history through the realtime path meanwhile is still published once.
/// </summary>
public sealed class ChangeReconciler(
    KadoaChangesClient kadoa, KadoaTokenClient tokens, ChangeStore history, ClaimCheckStore blobs, IngressRequeue ingress, IOptions<KadoaOptions> kadoaOptions)
{
    private (CloudEventMapper Mapper, string TeamId)? _mapping;

    /// <summary>
    /// Reads the page of <paramref name="workflowId"/>'s changes in [<paramref name="from"/>, <paramref name="to"/>] at
    /// <paramref name="skip"/> and ingests what history lacks. <see cref="ReconcilePage.Next"/> is null after the last page.
    /// </summary>
    public async Task<ReconcilePage> ReconcilePageAsync(string workflowId, DateTimeOffset from, DateTimeOffset to, int skip, CancellationToken cancellationToken)
    {
        var page = await kadoa.ListAsync([workflowId], from, to, skip, cancellationToken);
        var tally = default(ReconcileTally);
        foreach (var change in page.Changes)
        {
            tally += await ReconcileAsync(change, cancellationToken) ? new ReconcileTally(1, 1) : new ReconcileTally(1, 0);
        }

        // Newest first with a fixed end date: later pages are older changes. A short page is the last.
        var next = page.Changes.Count < KadoaChangesClient.PageSize ? (int?)null : skip + page.Changes.Count;
        return new ReconcilePage(tally, next);
    }

    /// <summary>Sends one change into ingest unless history holds it. True when it was missing.</summary>
    public async Task<bool> ReconcileAsync(JsonElement change, CancellationToken cancellationToken)
    {
        var (mapper, teamId) = await MappingAsync(cancellationToken);
        var createdAt = change.TryGetProperty("createdAt", out var created) && created.ValueKind == JsonValueKind.String &&
            created.TryGetDateTimeOffset(out var time) ? time : (DateTimeOffset?)null;
        using var frame = ToFrame(change, createdAt);
        if (frame is null)
        {
            throw new InvalidDataException("Kadoa listed a change the bridge cannot read as an event (no id).");
        }

        var mapped = mapper.Map(frame, teamId, origin: EventOrigin.Backfill);
        var workflowId = change.TryGetProperty("workflowId", out var wf) && wf.ValueKind == JsonValueKind.String ? wf.GetString() : null;
        // History keys a change by the CloudEvent time, which the contract writes to the millisecond.
        if (createdAt is { } at &&
            await history.ExistsAsync(new ChangeLocation(workflowId, at.AddTicks(-(at.UtcTicks % TimeSpan.TicksPerMillisecond)), mapped.Id), cancellationToken))
        {
            return false;
        }

        if (mapped.ClaimCheck is { } claimCheck)
        {
            await blobs.UploadAsync(claimCheck, cancellationToken);
        }

        await ingress.SendAsync(mapped.CloudEvent, TimeSpan.Zero, cancellationToken);
        return true;
    }

    /// <summary>
    /// The change as the realtime frame that would have carried it: type <c>workflow_data_change</c>, timestamp its
    /// <c>createdAt</c>, payload the change object, no delivery id. Null when it has no id.
    /// </summary>
    private static KadoaFrame? ToFrame(JsonElement change, DateTimeOffset? createdAt)
    {
        if (!change.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(id.GetString()))
        {
            return null;
        }

        var timestamp = (createdAt ?? DateTimeOffset.UtcNow).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var json = Encoding.UTF8.GetBytes($$"""{"type":"{{KadoaEventTypes.DataChange}}","timestamp":{{timestamp}},"data":{{change.GetRawText()}}}""");
        return FrameDecoder.Decode(json, DateTimeOffset.UtcNow).Frame;
    }

    /// <summary>The team id comes from Kadoa's token answer, as the listener's does; asked once per instance.</summary>
    private async Task<(CloudEventMapper Mapper, string TeamId)> MappingAsync(CancellationToken cancellationToken)
    {
        if (_mapping is { } mapping)
        {
            return mapping;
        }

        var teamId = (await tokens.GetTokenAsync(cancellationToken)).TeamId;
        var mapper = new CloudEventMapper(new CloudEventMapperSettings(ForwardingOptions.MaxIngressBudgetBytes, blobs.ContainerUrl, kadoaOptions.Value.ApiBaseUrl));
        _mapping = (mapper, teamId);
        return (mapper, teamId);
    }
}
