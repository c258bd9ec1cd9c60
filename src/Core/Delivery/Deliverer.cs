using System.Text.Json;
using Azure;
using KadoaBridge.Core.Contract;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.Routing;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Core.Delivery;

/// <summary>
/// Delivers one event to one destination: shapes it (the rule's transform, then the snapshot inlined when the event stays
/// under 1 MB) and publishes it through <see cref="DeliveryBatcher"/>. The CloudEvent id never changes, so a subscriber
/// can dedupe a republished event.
/// </summary>
public sealed class Deliverer(DeliveryBatcher batcher, ClaimCheckStore blobs)
{
    /// <summary>Event Grid's limit per event, less room for the batch brackets.</summary>
    public const int MaxEventBytes = 1_048_576 - 64;

    /// <summary>
    /// Publishes in a <c>publish {destination}</c> span whose trace context the event carries (<c>traceparent</c>);
    /// throws <see cref="RequestFailedException"/> (after the SDK's retries) or <see cref="HttpRequestException"/> on failure.
    /// </summary>
    public async Task DeliverAsync(ReadOnlyMemory<byte> cloudEvent, string destination, RouteTransform? transform, CancellationToken cancellationToken)
    {
        using var span = DeliverySpans.StartPublish(destination);
        try
        {
            var shaped = transform is null || transform.IsIdentity ? cloudEvent : CloudEventTransformer.Apply(cloudEvent.Span, transform);
            var payload = transform?.OmitSnapshot == true ? shaped : await InlineSnapshotAsync(shaped, cancellationToken);
            await batcher.PublishAsync(destination, CloudEventTracing.Stamp(payload.Span, span), cancellationToken);
        }
        catch (Exception e) when (span is not null)
        {
            BridgeTelemetry.Fail(span, e);
            throw;
        }
    }

    /// <summary>
    /// A failure to shape or publish one event (after the SDK's retries), as opposed to our own cancellation: any
    /// exception, so an unexpected one (a credential failure, an unreadable snapshot or transform) stays with its
    /// destination instead of failing the message and repeating the others.
    /// </summary>
    public static bool IsPublishFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested;

    /// <summary>
    /// Replaces <c>data.snapshotRef</c> by the snapshot itself when the result fits in one Event Grid event. Only the
    /// event's own snapshot blob is read (<see cref="ClaimCheckStore.ReadReferenceAsync"/>): a reference that names any
    /// other blob, container or account (one that came from upstream) stays as it is and is not followed.
    /// </summary>
    private async Task<ReadOnlyMemory<byte>> InlineSnapshotAsync(ReadOnlyMemory<byte> cloudEvent, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(cloudEvent);
        var root = document.RootElement;
        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object ||
            !data.TryGetProperty(CloudEventNames.SnapshotRef, out var reference) || reference.ValueKind != JsonValueKind.Object ||
            !reference.TryGetProperty("size", out var size) || !size.TryGetInt64(out var bytes) ||
            bytes + cloudEvent.Length > MaxEventBytes ||
            !reference.TryGetProperty("url", out var url) || url.ValueKind != JsonValueKind.String ||
            !root.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
        {
            return cloudEvent;
        }

        var snapshot = await blobs.ReadReferenceAsync(url.GetString(), id.GetString()!, BlobNames.Snapshot, cancellationToken);
        if (snapshot is null || snapshot.ToMemory().Length + cloudEvent.Length > MaxEventBytes)
        {
            return cloudEvent; // the reference stays: subscribers can still follow it
        }

        using var parsedSnapshot = JsonDocument.Parse(snapshot);
        return DataFieldRewriter.Replace(root, CloudEventNames.SnapshotRef, writer =>
        {
            writer.WritePropertyName(CloudEventNames.Snapshot);
            parsedSnapshot.RootElement.WriteTo(writer);
        }, cloudEvent.Length + snapshot.ToMemory().Length + 64);
    }
}
