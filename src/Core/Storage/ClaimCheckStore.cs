using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;

namespace KadoaBridge.Core.Storage;

/// <summary>
/// Stores claim-checked payloads in the <c>payloads</c> container. Names derive from the event id (<see cref="BlobNames"/>),
/// so a redelivery overwrites the same blob.
/// </summary>
public sealed class ClaimCheckStore(BlobServiceClient blobs, ILogger<ClaimCheckStore> logger)
{
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(ContainerNames.Payloads);

    /// <summary>The container URL that the contract's references point into.</summary>
    public Uri ContainerUrl => _container.Uri;

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) =>
        await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    public async Task UploadAsync(ClaimCheck claimCheck, CancellationToken cancellationToken)
    {
        await UploadAsync(claimCheck.BlobName, claimCheck.Content, "application/json", cancellationToken);
    }

    /// <summary>
    /// Reads the blob a reference in event <paramref name="eventId"/> points at, when it is that event's own
    /// <paramref name="part"/> blob in this container (<see cref="ClaimCheckReference"/>); the blob is resolved by the
    /// name computed for the event, never fetched by the URL. Null when the reference is refused (logged with the
    /// reason) or the blob is gone.
    /// </summary>
    public async Task<BinaryData?> ReadReferenceAsync(string? url, string eventId, string part, CancellationToken cancellationToken)
    {
        if (!ClaimCheckReference.TryResolve(_container.Uri, url, eventId, part, out var name, out var refusal))
        {
            Log.ClaimCheckReferenceRefused(logger, eventId, part, refusal);
            return null;
        }

        try
        {
            return (await _container.GetBlobClient(name).DownloadContentAsync(cancellationToken)).Value.Content;
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Stores an arbitrary blob (quarantined frames too large for a table property).</summary>
    public async Task<Uri> UploadAsync(string blobName, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        var blob = _container.GetBlobClient(blobName);
        var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } };
        try
        {
            await blob.UploadAsync(BinaryData.FromBytes(content), options, cancellationToken);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken); // the container went away: make it again
            await blob.UploadAsync(BinaryData.FromBytes(content), options, cancellationToken);
        }

        return blob.Uri;
    }
}
