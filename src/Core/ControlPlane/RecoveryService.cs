using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Storage;
using Microsoft.Extensions.Logging;

namespace KadoaBridge.Core.ControlPlane;

/// <summary>
/// Sends stranded events back through ingest: read the poison copy or dead-letter blob → put each CloudEvent on the
/// ingress queue as Event Grid writes it (JSON text, the same id) → delete the copy or blob only after that succeeded.
/// Dedupe makes a repeat harmless, so a call that fails half-way is simply called again. Each call handles at most
/// <c>max</c> events and says whether more are left, so callers loop.
/// </summary>
public sealed partial class RecoveryService(PoisonStore poison, BlobServiceClient blobs, QueueServiceClient queues, ILogger<RecoveryService> logger)
{
    /// <summary>Items sent back at the same time.</summary>
    private const int Concurrency = 8;

    /// <summary>A requeued message never expires (-1): it waits on the ingress queue however long ingest is down.</summary>
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    private readonly QueueClient _ingress = queues.GetQueueClient(QueueNames.Ingress);

    /// <summary>Sends up to <paramref name="max"/> poison copies back to the ingress queue, in copy id order, and deletes each one sent.</summary>
    public async Task<RecoveryResult> RequeuePoisonAsync(int max, CancellationToken cancellationToken)
    {
        CheckMax(max);
        var keys = await poison.ListKeysAsync(max + 1, cancellationToken);
        var tally = new Tally();
        await Parallel.ForEachAsync(
            keys.Take(max), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, (key, token) => new ValueTask(RequeueCopyAsync(key, tally, token)));
        var result = tally.ToResult(remaining: keys.Count > max);
        Log.Recovered(logger, "poison", result.Requeued, result.Failed, result.Remaining);
        return result;
    }

    /// <summary>A page of poison copies with their reasons.</summary>
    /// <exception cref="InvalidContinuationTokenException">The token is not one a previous page returned.</exception>
    public async Task<PoisonList> ListPoisonAsync(int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var page = await poison.ListAsync(pageSize, continuationToken, cancellationToken);
        return new PoisonList(page.Items, page.ContinuationToken);
    }

    /// <summary>Deletes poison copy <paramref name="id"/> without ingesting it; false when there is none.</summary>
    public async Task<bool> DiscardPoisonAsync(string id, CancellationToken cancellationToken)
    {
        var deleted = await poison.DeleteAsync(id, cancellationToken);
        if (deleted)
        {
            Log.PoisonDiscarded(logger, id);
        }

        return deleted;
    }

    private static void CheckMax(int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(max, RecoveryRequestReader.MaxMax);
    }

    private static bool IsStorageFailure(Exception e) => e is RequestFailedException or HttpRequestException or InvalidDataException;

    private async Task RequeueCopyAsync(string key, Tally tally, CancellationToken cancellationToken)
    {
        try
        {
            if (await poison.ReadAsync(key, cancellationToken) is not { } copy)
            {
                return; // sent back or discarded meanwhile
            }

            await SendAsync(copy.MessageText(), cancellationToken);
            await poison.DeleteAsync(key, cancellationToken);
            tally.AddRequeued(1);
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            tally.AddFailed(1, Failures.Describe(e));
            Log.RecoveryItemFailed(logger, e, "poison", key);
        }
    }

    private async Task SendAsync(string cloudEvent, CancellationToken cancellationToken) =>
        await _ingress.SendMessageAsync(cloudEvent, visibilityTimeout: null, timeToLive: NeverExpires, cancellationToken);

    /// <summary>Counts of one call, shared by its concurrent items.</summary>
    private sealed class Tally
    {
        private int _requeued;
        private int _failed;
        private string? _lastError;

        public void AddRequeued(int count) => Interlocked.Add(ref _requeued, count);

        public void AddFailed(int count, string error)
        {
            Interlocked.Add(ref _failed, count);
            Volatile.Write(ref _lastError, error);
        }

        public RecoveryResult ToResult(bool remaining) => new(Volatile.Read(ref _requeued), Volatile.Read(ref _failed), remaining, Volatile.Read(ref _lastError));
    }
}
