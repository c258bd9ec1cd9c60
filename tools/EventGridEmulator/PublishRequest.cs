using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace KadoaBridge.EventGridEmulator;

/// <summary>The parts of a publish request the handler checks: credentials, content type, body; and the Retry-After answer.</summary>
internal static class PublishRequest
{
    private const string BatchMediaType = "application/cloudevents-batch+json";
    private const string SingleMediaType = "application/cloudevents+json";

    /// <summary>How much of an oversized body is read and discarded so the client sees the 413 instead of a reset.</summary>
    private const long MaxDrainedBytes = 64L * 1024 * 1024;

    public static bool IsAuthorized(HttpRequest request, TopicState topic)
    {
        var key = request.Headers["aeg-sas-key"];
        if (key.Count == 0)
        {
            key = request.Query["aeg-sas-key"];
        }

        if (key.Count > 0)
        {
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key.ToString()), topic.KeyBytes);
        }

        var authorization = request.Headers.Authorization.ToString();
        return topic.AcceptBearerTokens
            && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && !authorization.AsSpan("Bearer ".Length).Trim().IsEmpty;
    }

    /// <summary>Null when the content type is CloudEvents (batch or single, UTF-8); else what is wrong with it.</summary>
    public static string? ReadContentType(string? contentType, out bool isBatch)
    {
        isBatch = false;
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed) || !parsed.MediaType.HasValue)
        {
            return $"A Content-Type header is required: '{BatchMediaType}' or '{SingleMediaType}'.";
        }

        if (parsed.Charset.HasValue && !parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return $"Charset '{parsed.Charset}' is not supported; events must be UTF-8.";
        }

        if (parsed.MediaType.Equals(BatchMediaType, StringComparison.OrdinalIgnoreCase))
        {
            isBatch = true;
            return null;
        }

        if (parsed.MediaType.Equals(SingleMediaType, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parsed.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            ? $"This topic's input schema is CloudEvents 1.0: Event Grid schema events (application/json) are not accepted; send '{BatchMediaType}' or '{SingleMediaType}'."
            : $"Content type '{parsed.MediaType}' is not supported; send '{BatchMediaType}' or '{SingleMediaType}'.";
    }

    /// <summary>Reads the body into a pooled buffer (the caller returns it); past 1 MB it drains the rest and reports too large.</summary>
    public static async Task<(byte[] Buffer, int Length, bool TooLarge)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var declared = request.ContentLength;
        var buffer = ArrayPool<byte>.Shared.Rent(declared is > 0 and <= CloudEventBatchReader.MaxBytes ? (int)declared.Value + 1 : 16 * 1024);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var grown = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, CloudEventBatchReader.MaxBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(grown);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = grown;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    return (buffer, length, false);
                }

                length += read;
                if (length > CloudEventBatchReader.MaxBytes)
                {
                    long drained = length;
                    while (drained < MaxDrainedBytes && (read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
                    {
                        drained += read;
                    }

                    return (buffer, 0, true);
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    public static void WriteRetryAfter(HttpResponse response, TimeSpan? retryAfter)
    {
        if (retryAfter is not { } value)
        {
            return;
        }

        response.Headers.RetryAfter = Math.Ceiling(value.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        if (value.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            response.Headers["retry-after-ms"] = ((long)Math.Ceiling(value.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
        }
    }
}
