using Microsoft.AspNetCore.Http;

namespace KadoaBridge.Functions.Http;

/// <summary>Reading request bodies for the HTTP functions: bounded, so an oversized body is never read whole.</summary>
internal static class RequestBody
{
    /// <summary>
    /// Reads at most <paramref name="maxBytes"/> + 1 bytes: a result longer than <paramref name="maxBytes"/> means the
    /// body is too large (the caller says so in its own words).
    /// </summary>
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while (buffer.Length <= maxBytes && (read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
