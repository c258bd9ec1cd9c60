using System.Text.Json.Nodes;

namespace KadoaBridge.Infra.Tests.Arm;

/// <summary>
/// Values the evaluator cannot know before deployment (resource properties, module outputs of
/// runtime values) are strings wrapped in markers, so they flow through format/concat/union like
/// real strings. Secrets (secure parameters, list*() results) carry a distinct marker: any value
/// that contains one is tainted, wherever it flows.
/// </summary>
internal static class Unknown
{
    private const string UnknownOpen = "⟨?";
    private const string SecretOpen = "⟨secret:";
    private const string Close = "⟩";

    public static JsonNode Of(string description) => JsonValue.Create($"{UnknownOpen}{description}{Close}");

    public static JsonNode Secret(string description) => JsonValue.Create($"{SecretOpen}{description}{Close}");

    /// <summary>An unknown derived from <paramref name="source"/>: stays a secret when the source was tainted.</summary>
    public static JsonNode DerivedFrom(JsonNode? source, string description) =>
        IsTainted(source) ? Secret(description) : Of(description);

    /// <summary>
    /// The unknown <paramref name="target"/> followed by <paramref name="suffix"/> (a property or index
    /// access): a single marker is extended in place, e.g. ⟨?reference(id).endpoint⟩.
    /// </summary>
    public static JsonNode Extend(JsonNode? target, string suffix)
    {
        var text = target is JsonValue value && value.TryGetValue<string>(out var s) ? s : Describe(target);
        foreach (var open in new[] { UnknownOpen, SecretOpen })
        {
            if (text.StartsWith(open, StringComparison.Ordinal) && text.EndsWith(Close, StringComparison.Ordinal) &&
                text.IndexOf('⟨', 1) < 0)
            {
                return JsonValue.Create($"{text[..^Close.Length]}{suffix}{Close}");
            }
        }

        return DerivedFrom(target, $"({text}){suffix}");
    }

    public static bool IsUnknown(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text.Contains('⟨', StringComparison.Ordinal);

    /// <summary>True when a secret marker appears anywhere in the value (strings, keys, nested values).</summary>
    public static bool IsTainted(JsonNode? node) => node switch
    {
        JsonValue value => value.TryGetValue<string>(out var text) && text.Contains(SecretOpen, StringComparison.Ordinal),
        JsonObject obj => obj.Any(p => p.Key.Contains(SecretOpen, StringComparison.Ordinal) || IsTainted(p.Value)),
        JsonArray array => array.Any(IsTainted),
        _ => false,
    };

    /// <summary>The text inside a marker string, or the whole string when it only contains markers.</summary>
    public static string Describe(JsonNode? node) => node?.ToJsonString() ?? "null";
}
