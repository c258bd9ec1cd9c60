using System.Diagnostics.CodeAnalysis;

namespace KadoaBridge.Core.Storage;

/// <summary>
/// Decides whether a claim-check reference read back from an event (<c>data.snapshotRef.url</c>,
/// <c>data.payloadRef.url</c>, a history row's <c>EventBlob</c>) may be followed, and to which blob. Events reach ingest
/// from a topic and carry Kadoa's fields, so a reference is never trusted as the bridge's own: it is followed only when
/// it names, in the bridge's own container, the very blob <see cref="BlobNames"/> gives that event and part. The blob
/// is then read by the name computed here, never by the URL.
/// </summary>
public static class ClaimCheckReference
{
    /// <param name="container">The payload container's URL (<c>BlobContainerClient.Uri</c>).</param>
    /// <param name="url">The reference's URL as the event carries it.</param>
    /// <param name="eventId">The CloudEvent id of the event that carries it.</param>
    /// <param name="part">Which of the event's blobs it must be (<see cref="BlobNames.Snapshot"/>, …).</param>
    /// <param name="blobName">The blob to read: <see cref="BlobNames.For"/>, or <see cref="BlobNames.Legacy"/> for a reference stored before.</param>
    /// <param name="refusal">Why the reference is not followed, in words for the log (never the URL: it is upstream's text).</param>
    public static bool TryResolve(
        Uri container, string? url, string eventId, string part, [NotNullWhen(true)] out string? blobName, [NotNullWhen(false)] out string? refusal)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(eventId);
        blobName = null;
        refusal = Check(container, url, out var rawName, out var name);
        if (refusal is not null)
        {
            return false;
        }

        var expected = BlobNames.For(eventId, part);
        if (name == expected)
        {
            blobName = expected;
            return true;
        }

        // Earlier versions named the blob {Uri.EscapeDataString(id)}/{part}.json. The listener wrote that name into the URL
        // as it is (so the URL's raw path equals it), ingest wrote the SDK's URL of it (escaped once more, so the decoded
        // path equals it). Either spelling of exactly that name for this id is accepted, so history and backlog written
        // before the change still inline.
        if (BlobNames.Legacy(eventId, part) is { } legacy && (name == legacy || rawName == legacy))
        {
            blobName = legacy;
            return true;
        }

        refusal = $"the reference does not name this event's {part} blob";
        return false;
    }

    /// <summary>Null when <paramref name="url"/> is a plain URL into <paramref name="container"/>; else why not.</summary>
    private static string? Check(Uri container, string? url, out string rawName, out string name)
    {
        rawName = name = "";
        if (string.IsNullOrEmpty(url))
        {
            return "the reference has no url";
        }

        // System.Uri resolves "/../" and turns '\' into '/' while parsing, which would hide a traversal: the path is
        // checked as written, and characters a URL never needs are refused outright.
        if (url.Any(c => c is '\\' or '?' or '#' || char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return "the url holds a backslash, query, fragment, whitespace or control character";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) ||
            !string.Equals(parsed.Scheme, container.Scheme, StringComparison.OrdinalIgnoreCase) ||
            !string.Equals(parsed.IdnHost, container.IdnHost, StringComparison.OrdinalIgnoreCase) ||
            parsed.Port != container.Port || parsed.UserInfo.Length > 0)
        {
            return "the url is not in the bridge's storage account";
        }

        var authority = url.IndexOf("://", StringComparison.Ordinal);
        var pathStart = authority < 0 ? -1 : url.IndexOf('/', authority + 3);
        var prefix = container.AbsolutePath.TrimEnd('/') + "/";
        if (pathStart < 0 || !url.AsSpan(pathStart).StartsWith(prefix, StringComparison.Ordinal))
        {
            return "the url is not in the bridge's payload container";
        }

        rawName = url[(pathStart + prefix.Length)..];
        name = Uri.UnescapeDataString(rawName);
        return HasBadSegment(rawName) || HasBadSegment(name) || name.Any(c => c == '\\' || char.IsControl(c))
            ? "the blob name has an empty, '.' or '..' segment or a backslash (raw or decoded)"
            : null;
    }

    private static bool HasBadSegment(string name) =>
        name.Split('/').Any(segment => segment is "" or "." or "..");
}
