using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Requests;
using Microsoft.Extensions.Primitives;

namespace KadoaBridge.Core.ControlPlane;

/// <summary>
/// Reads the recovery endpoints' input: <c>max</c> (query parameter or JSON body <c>{"max": n}</c>) for the requeue
/// calls, <c>pageSize</c> and <c>continuationToken</c> for the list, and the copy id of a discard. Every error names the
/// field at fault.
/// </summary>
public static class RecoveryRequestReader
{
    /// <summary>Items one requeue call handles when <c>max</c> is not given. 500.</summary>
    public const int DefaultMax = 500;

    /// <summary>Largest <c>max</c>: what one call can send back well within the HTTP timeout. 2,000.</summary>
    public const int MaxMax = 2_000;

    /// <summary>Poison copies per list page when <c>pageSize</c> is not given. 20.</summary>
    public const int DefaultPageSize = 20;

    /// <summary>Largest list page (each copy carries its message, up to 64 KiB). 50.</summary>
    public const int MaxPageSize = 50;

    /// <summary>Reads <c>max</c> from the query or the body (either, not both; neither: <see cref="DefaultMax"/>).</summary>
    public static bool TryReadMax(
        IEnumerable<KeyValuePair<string, StringValues>> query, ReadOnlyMemory<byte> body, out int max, [NotNullWhen(false)] out InputError? error)
    {
        max = DefaultMax;
        if (!TryReadQuery(query, ["max"], out var values, out error))
        {
            return false;
        }

        var text = values.GetValueOrDefault("max");
        if (!body.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            if (!TryReadBody(body, out var fromBody, out error))
            {
                return false;
            }

            if (fromBody is not null && text is not null)
            {
                error = new InputError("max", "Give max in the query or in the body, not both.");
                return false;
            }

            text ??= fromBody;
        }

        if (text is not null && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out max) || max is < 1 or > MaxMax))
        {
            error = new InputError("max", $"max must be a whole number from 1 to {MaxMax} (default {DefaultMax}).");
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>Reads <c>pageSize</c> (1 to <see cref="MaxPageSize"/>) and <c>continuationToken</c>.</summary>
    public static bool TryReadPage(
        IEnumerable<KeyValuePair<string, StringValues>> query, out int pageSize, out string? continuationToken, [NotNullWhen(false)] out InputError? error)
    {
        pageSize = DefaultPageSize;
        continuationToken = null;
        if (!TryReadQuery(query, ["pageSize", "continuationToken"], out var values, out error))
        {
            return false;
        }

        if (values.TryGetValue("pageSize", out var sizeText) &&
            (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxPageSize))
        {
            error = new InputError("pageSize", $"pageSize must be a whole number from 1 to {MaxPageSize} (default {DefaultPageSize}).");
            return false;
        }

        if (values.TryGetValue("continuationToken", out continuationToken) && continuationToken is not { Length: > 0 and <= ChangeQueryReader.MaxContinuationTokenLength })
        {
            error = new InputError("continuationToken", "Pass back the continuationToken a previous page returned, unchanged.");
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>A poison copy's id as <c>GET /api/recovery/poison</c> lists it; null when it has that shape.</summary>
    public static InputError? CheckCopyId(string? id) =>
        PoisonStore.IsKey(id) ? null : new InputError("messageId", $"A poison copy's id is 1 to {PoisonStore.MaxIdLength} characters of A-Z a-z 0-9 _ - (the id GET /api/recovery/poison lists).");

    /// <summary>The query's values of <paramref name="known"/> names (case-insensitive); <c>code</c>, the function key, is the host's.</summary>
    private static bool TryReadQuery(
        IEnumerable<KeyValuePair<string, StringValues>> query, string[] known, out Dictionary<string, string?> values, [NotNullWhen(false)] out InputError? error)
    {
        ArgumentNullException.ThrowIfNull(query);
        values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in query)
        {
            if (string.Equals(name, "code", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var match = Array.Find(known, k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
            error = match is null ? new InputError(InputRules.FieldName(name, "query"), $"Unknown parameter; this endpoint reads {string.Join(", ", known)}.")
                : value.Count > 1 ? new InputError(match, "Give the parameter once.")
                : null;
            if (error is not null)
            {
                return false;
            }

            values[match!] = value.ToString();
        }

        error = null;
        return true;
    }

    /// <summary>The body <c>{"max": n}</c>: <paramref name="max"/> is its text, or null when the object has no max.</summary>
    private static bool TryReadBody(ReadOnlyMemory<byte> body, out string? max, [NotNullWhen(false)] out InputError? error)
    {
        max = null;
        var options = new JsonDocumentOptions { MaxDepth = 4 };
        if (JsonText.FindUnreadableString(body.Span, options) is { } unreadable)
        {
            error = new InputError("body", $"The body is not valid JSON text: {unreadable}.");
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(body, options);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = new InputError("body", "The body must be a JSON object, e.g. {\"max\": 100}, or empty.");
                return false;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name != "max")
                {
                    error = new InputError(InputRules.FieldName(property.Name, "body"), "Unknown field; the body reads max.");
                    return false;
                }

                if (property.Value.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                max = property.Value.ValueKind == JsonValueKind.Number ? property.Value.GetRawText() : "not a number";
            }
        }
        catch (JsonException e)
        {
            error = new InputError("body", $"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).");
            return false;
        }

        error = null;
        return true;
    }
}
