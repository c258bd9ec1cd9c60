using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace KadoaBridge.Core.Requests;

/// <summary>Parses a request body that must be one JSON object, with the errors every body reader gives (field <c>body</c>).</summary>
internal static class JsonObjectBody
{
    /// <param name="emptyDetail">What an empty body is told: the object expected, with its fields.</param>
    public static bool TryParse(
        ReadOnlyMemory<byte> json, JsonDocumentOptions options, string emptyDetail, [NotNullWhen(true)] out JsonDocument? document, [NotNullWhen(false)] out InputError? error)
    {
        document = null;
        error = null;
        if (json.IsEmpty)
        {
            error = new InputError("body", emptyDetail);
            return false;
        }

        if (JsonText.FindUnreadableString(json.Span, options) is { } unreadable)
        {
            error = new InputError("body", $"The body is not valid JSON text: {unreadable}.");
            return false;
        }

        try
        {
            document = JsonDocument.Parse(json, options);
        }
        catch (JsonException e)
        {
            error = new InputError("body", $"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).");
            return false;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            document = null;
            error = new InputError("body", "The body must be a JSON object.");
            return false;
        }

        return true;
    }
}
