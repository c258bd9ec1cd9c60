using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Core.Ingest;

/// <summary>
/// Durable copies of poison messages: blob container <c>poison</c>, one blob <c>{id}.json</c> per message (a
/// <see cref="PoisonCopy"/> envelope). Blobs do not expire, unlike the poison queue's messages (7 days), so a poison
/// message stays until it is sent back through ingest or discarded.
/// </summary>
public sealed class PoisonStore(BlobServiceClient blobs)
{
    /// <summary>Longest message id used as a blob name as it is. 128 characters.</summary>
    public const int MaxIdLength = 128;

    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(ContainerNames.Poison);

    /// <summary>
    /// The copy's key for <paramref name="messageId"/>: the id itself when it is 1 to 128 characters of
    /// <c>A-Z a-z 0-9 _ -</c>, otherwise <c>h-</c> and the first 40 hex digits of its SHA-256, so a blob name never
    /// holds a character that needs escaping and one message always maps to one blob.
    /// </summary>
    public static string KeyOf(string messageId)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        return IsKey(messageId)
            ? messageId
            : "h-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)))[..40];
    }

    /// <summary>True when <paramref name="id"/> has the shape of a key.</summary>
    public static bool IsKey(string? id) =>
        id is { Length: > 0 and <= MaxIdLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    /// <summary>Writes (or overwrites) the copy: a retried trigger for the same message writes the same blob.</summary>
    public async Task WriteAsync(PoisonCopy copy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(copy);
        var content = BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(copy, IngestJsonContext.Default.PoisonCopy));
        var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } };
        var blob = _container.GetBlobClient(BlobName(copy.Id));
        try
        {
            await blob.UploadAsync(content, options, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken); // the container went away: make it again
            await blob.UploadAsync(content, options, cancellationToken);
        }
    }

    /// <summary>The copy with key <paramref name="id"/>; null when there is none.</summary>
    /// <exception cref="InvalidDataException">The blob is not a poison copy's envelope.</exception>
    public async Task<PoisonCopy?> ReadAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            var content = (await _container.GetBlobClient(BlobName(id)).DownloadContentAsync(cancellationToken)).Value.Content;
            return Parse(id, content);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// A page of at most <paramref name="pageSize"/> copies after <paramref name="continuationToken"/>. A blob that is not
    /// a readable envelope is listed with its text as the message and no reasons, so it can be seen and discarded.
    /// </summary>
    /// <exception cref="InvalidContinuationTokenException">Storage refused the token.</exception>
    public async Task<PoisonPage> ListAsync(int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        Page<BlobItem>? page;
        try
        {
            page = await FirstPageAsync(_container.GetBlobsAsync(cancellationToken: cancellationToken).AsPages(continuationToken, pageSize));
        }
        catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode == "ContainerNotFound")
        {
            return new PoisonPage([], null);
        }
        catch (RequestFailedException e) when (e.Status == 400 && continuationToken is not null)
        {
            throw new InvalidContinuationTokenException("The continuation token is not valid: pass back the one a previous page returned.", e);
        }

        if (page is null)
        {
            return new PoisonPage([], null);
        }

        var copies = await Task.WhenAll(page.Values.Where(b => b.Name.EndsWith(".json", StringComparison.Ordinal)).Select(b => ReadForListAsync(b, cancellationToken)));
        return new PoisonPage([.. copies.OfType<PoisonCopy>()], string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
    }

    /// <summary>The keys of the first <paramref name="max"/> copies, in name order.</summary>
    public async Task<IReadOnlyList<string>> ListKeysAsync(int max, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        try
        {
            await foreach (var blob in _container.GetBlobsAsync(cancellationToken: cancellationToken))
            {
                if (blob.Name.EndsWith(".json", StringComparison.Ordinal))
                {
                    keys.Add(blob.Name[..^".json".Length]);
                    if (keys.Count >= max)
                    {
                        break;
                    }
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode == "ContainerNotFound")
        {
            // Nothing was ever kept.
        }

        return keys;
    }

    /// <summary>Deletes the copy with key <paramref name="id"/>; false when there was none.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return (await _container.GetBlobClient(BlobName(id)).DeleteIfExistsAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false; // the container itself is gone
        }
    }

    private static string BlobName(string id) => id + ".json";

    private static async Task<Page<BlobItem>?> FirstPageAsync(IAsyncEnumerable<Page<BlobItem>> pages)
    {
        await foreach (var page in pages)
        {
            return page;
        }

        return null;
    }

    private static PoisonCopy Parse(string id, BinaryData content)
    {
        try
        {
            return JsonSerializer.Deserialize(content, IngestJsonContext.Default.PoisonCopy) is { MessageId: not null, Reasons: not null } copy
                && copy.Message.ValueKind != JsonValueKind.Undefined
                ? copy with { Id = id }
                : throw new InvalidDataException($"The poison copy {id} is not an envelope with messageId, reasons and message.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The poison copy {id} is not JSON.", e);
        }
    }

    private async Task<PoisonCopy?> ReadForListAsync(BlobItem blob, CancellationToken cancellationToken)
    {
        var id = blob.Name[..^".json".Length];
        try
        {
            return await ReadAsync(id, cancellationToken);
        }
        catch (InvalidDataException)
        {
            var text = (await _container.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken)).Value.Content;
            return new PoisonCopy(id, id, null, blob.Properties.LastModified ?? DateTimeOffset.MinValue, [], PoisonCopy.ToElement(text.ToMemory()));
        }
    }
}
