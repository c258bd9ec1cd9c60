using System.Text.Json;
using System.Text.Unicode;

namespace KadoaBridge.Core;

/// <summary>
/// Checks that the strings of a JSON text can be read: <see cref="JsonDocument"/> parses invalid UTF-8 inside strings
/// and escaped lone surrogates (<c>"\uD800"</c>) without complaint, and only reading the string then throws
/// (<see cref="InvalidOperationException"/>). The readers of outside input check first and reject such text.
/// </summary>
internal static class JsonText
{
    /// <summary>What makes a string of <paramref name="utf8"/> unreadable, or null when none is (syntax errors are left to the parser).</summary>
    /// <param name="options">The parser's options, so nesting deeper than the default 64 is read the same way.</param>
    public static string? FindUnreadableString(ReadOnlySpan<byte> utf8, JsonDocumentOptions options = default)
    {
        if (!Utf8.IsValid(utf8))
        {
            return "the text is not valid UTF-8";
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            MaxDepth = options.MaxDepth, CommentHandling = options.CommentHandling, AllowTrailingCommas = options.AllowTrailingCommas,
        });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
                {
                    _ = reader.GetString();
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return $"the string at byte {reader.TokenStartIndex + 1} escapes a lone surrogate (\\uD800-\\uDFFF without its pair)";
        }

        return null;
    }
}
