using Microsoft.AspNetCore.Http;

namespace KadoaBridge.Functions.Http;

/// <summary>Reading request bodies for the HTTP functions: bounded, so an oversized body is never read whole.</summary>
internal static class RequestBody
{
    /// <summary>
    /// The body, or null when it is larger than <paramref name="maxBytes"/> (answer <see cref="Problems.PayloadTooLarge"/>):
    /// a declared <c>Content-Length</c> over the limit is refused unread, and at most <paramref name="maxBytes"/> + 1
    /// bytes are ever read.
    /// </summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        var buffer = new byte[Math.Min(maxBytes + 1L, request.ContentLength + 1 ?? 16 * 1024)];
        var length = 0;
        int read;
        while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
            if (length > maxBytes)
            {
                return null;
            }

            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(maxBytes + 1L, buffer.Length * 2L));
            }
        }

        return buffer.AsMemory(0, length);
    }
}
