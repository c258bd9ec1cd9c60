using System.Security.Cryptography;
using System.Text;

namespace KadoaBridge.Core.Storage;

/// <summary>
/// Builds the names of an event's blobs in the payload container, in one place: <c>{sha256(id)}/{part}.json</c>, the
/// id's SHA-256 over its UTF-8 bytes in lowercase hex.
/// </summary>
/// <remarks>
/// Why a hash: an event id is whatever string upstream sent (Kadoa's change or delivery id), while a blob name has
/// rules: at most 1,024 characters, no <c>.</c>/<c>..</c> segments (the SDK's <see cref="Uri"/> collapses them, so
/// <c>../snapshot.json</c> leaves the container), no <c>\</c> (storage reads it as <c>/</c>), and the SDK escapes the
/// name itself, so a name escaped beforehand (<see cref="Uri.EscapeDataString(string)"/>, the old scheme) is escaped
/// twice and the URL built from it names another blob. The hash is 64 characters of <c>0-9a-f</c>: fixed length, one
/// segment, nothing to escape, and two ids never share it (case and every character count).
/// </remarks>
public static class BlobNames
{
    /// <summary>The snapshot the listener or ingest moved out of an event (<c>data.snapshotRef</c>).</summary>
    public const string Snapshot = "snapshot";

    /// <summary>An event's whole <c>data</c>, claim-checked by the listener (<c>data.payloadRef</c>).</summary>
    public const string Data = "data";

    /// <summary>A stored change too large for its history row.</summary>
    public const string Event = "event";

    /// <summary>Length of the hashed segment: 64 lowercase hex digits.</summary>
    public const int HashLength = 64;

    /// <summary>The blob name of part <paramref name="part"/> of event <paramref name="eventId"/>: <c>{sha256(id)}/{part}.json</c>.</summary>
    public static string For(string eventId, string part)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        return Hash(eventId) + "/" + CheckPart(part) + ".json";
    }

    /// <summary>
    /// The name versions before <c>sha256</c> names gave the same blob, <c>{Uri.EscapeDataString(id)}/{part}.json</c>, so
    /// references stored then (in history, in the redrive and replay backlog) are still read. Null when that name was
    /// never safe to follow: a dot or empty segment (ids <c>.</c>, <c>..</c> and empty), or a first segment of 64
    /// lowercase hex digits, which is some other id's new name.
    /// </summary>
    public static string? Legacy(string eventId, string part)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        var escaped = Uri.EscapeDataString(eventId);
        return escaped is "" or "." or ".." || IsHash(escaped) ? null : escaped + "/" + CheckPart(part) + ".json";
    }

    /// <summary>True when <paramref name="segment"/> has the shape of a hashed segment.</summary>
    public static bool IsHash(string segment) =>
        segment.Length == HashLength && segment.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    private static string Hash(string eventId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(eventId)));

    private static string CheckPart(string part) =>
        part is { Length: > 0 } && part.All(char.IsAsciiLetterLower)
            ? part
            : throw new ArgumentException($"A blob part is one or more of a-z, such as {Snapshot}; '{part}' is not.", nameof(part));
}
