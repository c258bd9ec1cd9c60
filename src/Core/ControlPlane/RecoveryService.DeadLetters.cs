using System.Text.Json;
using Azure.Storage.Blobs;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Core.ControlPlane;

/// <summary>The ingress dead letters: blobs Event Grid wrote to container <c>deadletters</c>, each a JSON array of events.</summary>
public sealed partial class RecoveryService
{
    /// <summary>
    /// Sends the events of ingress dead-letter blobs back to the ingress queue, in blob name order, and deletes each blob
    /// whose events were all sent. At most <paramref name="max"/> events: a blob is sent whole, so the call stops before a
    /// blob that would go past <paramref name="max"/> (except the first, which is sent even when it holds more).
    /// </summary>
    public async Task<RecoveryResult> RequeueDeadLettersAsync(int max, CancellationToken cancellationToken)
    {
        CheckMax(max);
        var container = blobs.GetBlobContainerClient(ContainerNames.IngressDeadLetters);
        var tally = new Tally();
        var remaining = false;
        if (await container.ExistsAsync(cancellationToken))
        {
            remaining = await RequeueBlobsAsync(container, max, tally, cancellationToken);
        }

        var result = tally.ToResult(remaining);
        Log.Recovered(logger, "ingress dead letters", result.Requeued, result.Failed, result.Remaining);
        return result;
    }

    /// <summary>Rounds of up to <see cref="Concurrency"/> blobs: download, admit within the budget, send. Returns whether blobs are left.</summary>
    private async Task<bool> RequeueBlobsAsync(BlobContainerClient container, int max, Tally tally, CancellationToken cancellationToken)
    {
        var budgeted = 0;
        await using var names = container.GetBlobsAsync(cancellationToken: cancellationToken).Select(b => b.Name).GetAsyncEnumerator(cancellationToken);
        for (var round = 0; round < max; round++)
        {
            var batch = new List<string>(Concurrency);
            while (batch.Count < Concurrency && await names.MoveNextAsync())
            {
                batch.Add(names.Current);
            }

            if (batch.Count == 0)
            {
                return false;
            }

            var admitted = new List<DeadLetterBlob>();
            foreach (var blob in await Task.WhenAll(batch.Select(name => DownloadAsync(container, name, cancellationToken))))
            {
                if (blob is null)
                {
                    continue; // recovered by a concurrent call
                }

                if (budgeted > 0 && budgeted + blob.Size > max)
                {
                    await Task.WhenAll(admitted.Select(b => RequeueBlobAsync(container, b, tally, cancellationToken)));
                    return true;
                }

                admitted.Add(blob);
                budgeted += blob.Size;
            }

            await Task.WhenAll(admitted.Select(b => RequeueBlobAsync(container, b, tally, cancellationToken)));
            if (budgeted >= max)
            {
                return await names.MoveNextAsync();
            }
        }

        return true;
    }

    /// <summary>The blob's events; null when it is gone. A blob that cannot be read is returned with no events (it fails as one item).</summary>
    private static async Task<DeadLetterBlob?> DownloadAsync(BlobContainerClient container, string name, CancellationToken cancellationToken)
    {
        try
        {
            var content = (await container.GetBlobClient(name).DownloadContentAsync(cancellationToken)).Value.Content;
            return new DeadLetterBlob(name, DeadLetterEvents.Read(content));
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private async Task RequeueBlobAsync(BlobContainerClient container, DeadLetterBlob blob, Tally tally, CancellationToken cancellationToken)
    {
        if (blob.Events is null)
        {
            var unreadable = new InvalidDataException($"The dead-letter blob {blob.Name} is not a JSON array of events; it was left in place.");
            tally.AddFailed(1, unreadable.Message);
            Log.RecoveryItemFailed(logger, unreadable, "ingress dead letters", blob.Name);
            return;
        }

        try
        {
            var cloudEvents = blob.Events.Select(DeadLetterEvents.Strip).ToList();
            foreach (var cloudEvent in cloudEvents.OfType<string>())
            {
                await SendAsync(cloudEvent, cancellationToken);
            }

            if (cloudEvents.Contains(null))
            {
                throw new InvalidDataException($"The dead-letter blob {blob.Name} holds entries that are not JSON objects; its events were sent, the blob was left in place.");
            }

            await container.GetBlobClient(blob.Name).DeleteIfExistsAsync(cancellationToken: cancellationToken);
            tally.AddRequeued(blob.Events.Count);
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            tally.AddFailed(blob.Size, Failures.Describe(e));
            Log.RecoveryItemFailed(logger, e, "ingress dead letters", blob.Name);
        }
    }

    /// <summary>A downloaded dead-letter blob; <see cref="Events"/> is null when it is not a JSON array.</summary>
    private sealed record DeadLetterBlob(string Name, IReadOnlyList<JsonElement>? Events)
    {
        /// <summary>What the blob costs of a call's <c>max</c>: its events, or 1 when it cannot be read.</summary>
        public int Size => Math.Max(1, Events?.Count ?? 1);
    }
}
