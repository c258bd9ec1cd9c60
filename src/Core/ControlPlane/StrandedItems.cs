using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Core.ControlPlane;

/// <summary>
/// Counts what is stranded: poison copies, ingress dead letters and quarantined frames. Bounded: each count stops at
/// <see cref="Limit"/> and says so (<see cref="StrandedCount.Capped"/>), so a large backlog costs at most a few listing
/// pages. <c>/api/status</c> shows the counts; a metric can read them the same way.
/// </summary>
public sealed class StrandedItems(BlobServiceClient blobs, TableServiceClient tables)
{
    /// <summary>Most items counted per kind. Default 10,000.</summary>
    public int Limit { get; init; } = 10_000;

    /// <summary>
    /// Dead-letter blobs read to count their events. Default 100. Further blobs are counted as one event each, the least
    /// they hold, and the event count is then reported as <see cref="StrandedCount.Capped"/>.
    /// </summary>
    public int DeadLetterBlobsRead { get; init; } = 100;

    private const int ReadConcurrency = 8;

    /// <summary>Counts every kind at once, from storage at call time.</summary>
    public async Task<StrandedCounts> CountAsync(CancellationToken cancellationToken)
    {
        var poison = CountBlobsAsync(blobs.GetBlobContainerClient(ContainerNames.Poison), cancellationToken);
        var deadLetters = CountDeadLettersAsync(cancellationToken);
        var quarantine = CountRowsAsync(tables.GetTableClient(TableNames.Quarantine), cancellationToken);
        await Task.WhenAll(poison, deadLetters, quarantine);
        var (events, deadLetterBlobs) = await deadLetters;
        return new StrandedCounts(await poison, events, deadLetterBlobs, await quarantine);
    }

    private async Task<StrandedCount> CountBlobsAsync(BlobContainerClient container, CancellationToken cancellationToken)
    {
        var names = await ListAsync(container, cancellationToken);
        return new StrandedCount(Math.Min(names.Count, Limit), names.Count > Limit);
    }

    private async Task<(StrandedCount Events, StrandedCount Blobs)> CountDeadLettersAsync(CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(ContainerNames.IngressDeadLetters);
        var names = await ListAsync(container, cancellationToken);
        var blobCount = new StrandedCount(Math.Min(names.Count, Limit), names.Count > Limit);
        var read = names.Take(DeadLetterBlobsRead).ToList();
        var counts = new long[read.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, read.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ReadConcurrency, CancellationToken = cancellationToken },
            async (i, token) => counts[i] = await CountEventsAsync(container.GetBlobClient(read[i]), token));
        var events = counts.Sum() + Math.Max(0, names.Count - read.Count);
        return (new StrandedCount(Math.Min(events, Limit), events > Limit || names.Count > read.Count), blobCount);
    }

    /// <summary>Events in one dead-letter blob (a JSON array); a blob that is gone counts 0, one that is not an array 1.</summary>
    private static async Task<long> CountEventsAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            using var document = JsonDocument.Parse((await blob.DownloadContentAsync(cancellationToken)).Value.Content);
            return document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.GetArrayLength() : 1;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return 0; // recovered meanwhile
        }
        catch (JsonException)
        {
            return 1;
        }
    }

    /// <summary>Names of up to <see cref="Limit"/> + 1 blobs (one more than counted says whether there are more).</summary>
    private async Task<List<string>> ListAsync(BlobContainerClient container, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        try
        {
            await foreach (var page in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix: null, cancellationToken).AsPages(pageSizeHint: 5000))
            {
                names.AddRange(page.Values.Select(b => b.Name));
                if (names.Count > Limit)
                {
                    break;
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No container: nothing stranded there.
        }

        return names;
    }

    private async Task<StrandedCount> CountRowsAsync(TableClient table, CancellationToken cancellationToken)
    {
        long count = 0;
        try
        {
            await foreach (var page in table.QueryAsync<TableEntity>(filter: (string?)null, maxPerPage: 1000, select: ["PartitionKey"], cancellationToken).AsPages())
            {
                count += page.Values.Count;
                if (count > Limit)
                {
                    break;
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No table: nothing quarantined.
        }

        return new StrandedCount(Math.Min(count, Limit), count > Limit);
    }
}
