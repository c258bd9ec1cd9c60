using System.Text.Json;
using EventPatterns;

namespace KadoaBridge.Core.Routing.Store;

/// <summary>
/// Checks that a rule body has the rule's shape (known properties, each of the right JSON kind) before it is read,
/// so every mistake is reported with its path and in words, not as a serializer message.
/// </summary>
internal static class RouteRuleShape
{
    private static readonly string[] RuleProperties = ["name", "description", "enabled", "order", "filter", "destinations", "transform", "final"];
    private static readonly string[] TransformProperties = ["omitSnapshot", "type", "keepDataFields"];

    public static void Check(JsonElement rule, List<RouteRuleError> errors)
    {
        if (rule.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(JsonPathText.Root, $"a rule must be a JSON object, got {Describe(rule)}"));
            return;
        }

        foreach (var (path, property) in Properties(rule, JsonPathText.Root, RuleProperties, errors))
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "name" or "description":
                    Expect(value.ValueKind is JsonValueKind.String or JsonValueKind.Null, path, "must be a string or null", value, errors);
                    break;
                case "enabled" or "final":
                    Expect(value.ValueKind is JsonValueKind.True or JsonValueKind.False, path, "must be true or false", value, errors);
                    break;
                case "order":
                    Expect(value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _), path, $"must be an integer from {int.MinValue} to {int.MaxValue}", value, errors);
                    break;
                case "filter":
                    Expect(value.ValueKind is JsonValueKind.Object or JsonValueKind.Null, path, "must be an event pattern (a JSON object) or null", value, errors);
                    break;
                case "destinations":
                    CheckStrings(value, path, "must be an array of destination aliases", errors);
                    break;
                case "transform":
                    CheckTransform(value, path, errors);
                    break;
            }
        }
    }

    private static void CheckTransform(JsonElement transform, string path, List<RouteRuleError> errors)
    {
        if (transform.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (!Expect(transform.ValueKind == JsonValueKind.Object, path, "must be an object or null", transform, errors))
        {
            return;
        }

        foreach (var (propertyPath, property) in Properties(transform, path, TransformProperties, errors))
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "omitSnapshot":
                    Expect(value.ValueKind is JsonValueKind.True or JsonValueKind.False, propertyPath, "must be true or false", value, errors);
                    break;
                case "type":
                    Expect(value.ValueKind is JsonValueKind.String or JsonValueKind.Null, propertyPath, "must be a string or null", value, errors);
                    break;
                case "keepDataFields" when value.ValueKind != JsonValueKind.Null:
                    CheckStrings(value, propertyPath, "must be an array of data property names or null", errors);
                    break;
            }
        }
    }

    /// <summary>The object's known properties with their paths; unknown and repeated ones are reported.</summary>
    private static IEnumerable<(string Path, JsonProperty Property)> Properties(JsonElement value, string path, string[] known, List<RouteRuleError> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            var propertyPath = JsonPathText.Property(path, property.Name);
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                errors.Add(new(propertyPath, $"unknown property (known: {string.Join(", ", known)}; names are case-sensitive)"));
            }
            else if (!seen.Add(property.Name))
            {
                errors.Add(new(propertyPath, "appears more than once"));
            }
            else
            {
                yield return (propertyPath, property);
            }
        }
    }

    private static void CheckStrings(JsonElement value, string path, string what, List<RouteRuleError> errors)
    {
        if (!Expect(value.ValueKind == JsonValueKind.Array, path, what, value, errors))
        {
            return;
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            Expect(item.ValueKind == JsonValueKind.String, JsonPathText.Index(path, index++), "must be a string", item, errors);
        }
    }

    private static bool Expect(bool condition, string path, string what, JsonElement value, List<RouteRuleError> errors)
    {
        if (!condition)
        {
            errors.Add(new(path, $"{what}, got {Describe(value)}"));
        }

        return condition;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "the number " + value.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
