using System.Globalization;
using System.Text.Json;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Requests;
using Microsoft.Extensions.Primitives;

namespace KadoaBridge.Core.ControlPlane;

/// <summary>
/// Reads the recovery endpoints' input: <c>max</c> (query parameter or JSON body <c>{"max": n}</c>) for the requeue
/// calls, <c>pageSize</c> and <c>continuationToken</c> for the list, and the copy id of a discard. Every error names the
/// field at fault, and every field at fault is named.
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

    /// <summary>
    /// Reads <c>max</c> from the query or the body (either, not both; neither: <see cref="DefaultMax"/>); when the input
    /// is invalid, <paramref name="errors"/> names every field at fault.
    /// </summary>
    public static bool TryReadMax(
        IEnumerable<KeyValuePair<string, StringValues>> query, ReadOnlyMemory<byte> body, out int max, out IReadOnlyList<InputError> errors)
    {
        max = DefaultMax;
        var found = new List<InputError>();
        errors = found;
        var values = ReadQuery(query, ["max"], found);
        var text = values.GetValueOrDefault("max");
        if (!body.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            var fromBody = ReadBody(body, found);
            if (fromBody is not null && text is not null)
            {
                found.Add(new InputError("max", "Give max in the query or in the body, not both."));
            }

            text ??= fromBody;
        }

        if (text is not null && !found.Exists(e => e.Field == "max") &&
            (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out max) || max is < 1 or > MaxMax))
        {
            found.Add(new InputError("max", $"max must be a whole number from 1 to {MaxMax} (default {DefaultMax})."));
        }

        return found.Count == 0;
    }

    /// <summary>Reads <c>pageSize</c> (1 to <see cref="MaxPageSize"/>) and <c>continuationToken</c>; <paramref name="errors"/> names every one at fault.</summary>
    public static bool TryReadPage(
        IEnumerable<KeyValuePair<string, StringValues>> query, out int pageSize, out string? continuationToken, out IReadOnlyList<InputError> errors)
    {
        pageSize = DefaultPageSize;
        continuationToken = null;
        var found = new List<InputError>();
        errors = found;
        var values = ReadQuery(query, ["pageSize", "continuationToken"], found);
        if (values.TryGetValue("pageSize", out var sizeText) &&
            (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxPageSize))
        {
            found.Add(new InputError("pageSize", $"pageSize must be a whole number from 1 to {MaxPageSize} (default {DefaultPageSize})."));
        }

        if (values.TryGetValue("continuationToken", out continuationToken) && continuationToken is not { Length: > 0 and <= ChangeQueryReader.MaxContinuationTokenLength })
        {
            found.Add(new InputError("continuationToken", "Pass back the continuationToken a previous page returned, unchanged."));
        }

        return found.Count == 0;
    }

    /// <summary>A poison copy's id as <c>GET /api/recovery/poison</c> lists it; null when it has that shape.</summary>
    public static InputError? CheckCopyId(string? id) =>
        PoisonStore.IsKey(id) ? null : new InputError("messageId", $"A poison copy's id is 1 to {PoisonStore.MaxIdLength} characters of A-Z a-z 0-9 _ - (the id GET /api/recovery/poison lists).");

    /// <summary>
    /// The query's values of <paramref name="known"/> names (case-insensitive); unknown and repeated parameters are
    /// added to <paramref name="errors"/>. <c>code</c>, the function key, is the host's.
    /// </summary>
    private static Dictionary<string, string?> ReadQuery(IEnumerable<KeyValuePair<string, StringValues>> query, string[] known, List<InputError> errors)
    {
        ArgumentNullException.ThrowIfNull(query);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in query)
        {
            if (string.Equals(name, "code", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var match = Array.Find(known, k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                errors.Add(new InputError(InputRules.FieldName(name, "query"), $"Unknown parameter; this endpoint reads {string.Join(", ", known)}."));
            }
            else if (value.Count > 1)
            {
                errors.Add(new InputError(match, "Give the parameter once."));
            }
            else
            {
                values[match] = value.ToString();
            }
        }

        return values;
    }

    /// <summary>The body <c>{"max": n}</c>: the text of its max, or null when it has none; what is wrong goes to <paramref name="errors"/>.</summary>
    private static string? ReadBody(ReadOnlyMemory<byte> body, List<InputError> errors)
    {
        var options = new JsonDocumentOptions { MaxDepth = 4 };
        if (JsonText.FindUnreadableString(body.Span, options) is { } unreadable)
        {
            errors.Add(new InputError("body", $"The body is not valid JSON text: {unreadable}."));
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body, options);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new InputError("body", "The body must be a JSON object, e.g. {\"max\": 100}, or empty."));
                return null;
            }

            string? max = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name != "max")
                {
                    errors.Add(new InputError(InputRules.FieldName(property.Name, "body"), "Unknown field; the body reads max."));
                }
                else if (property.Value.ValueKind != JsonValueKind.Null)
                {
                    max = property.Value.ValueKind == JsonValueKind.Number ? property.Value.GetRawText() : "not a number";
                }
            }

            return max;
        }
        catch (JsonException e)
        {
            errors.Add(new InputError("body", $"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})."));
            return null;
        }
    }
}
