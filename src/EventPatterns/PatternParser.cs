using System.Text;
using System.Text.Json;

namespace EventPatterns;

/// <summary>
/// Reads a pattern's JSON into <c>$or</c>-free alternatives (as EventBridge does: each <c>$or</c> forks every
/// alternative built so far), validating everything on the way and throwing at the first error.
/// </summary>
internal sealed class PatternParser
{
    private const string OrKeyword = "$or";

    // Names EventBridge reserves inside $or objects (operators and words kept for future operators).
    private static readonly HashSet<string> ReservedInOr = new(StringComparer.Ordinal)
    {
        "exactly", "equals-ignore-case", "prefix", "suffix", "anything-but", "exists", "wildcard", "numeric", "cidr",
        "html", "=", "<", "<=", ">", ">=", "regex", "not-wildcard", "not-equals-ignore-case", "date-after",
        "date-on-or-after", "date-before", "date-on-or-before", "in-date-range", "ip-address-in-range",
        "ip-address-not-in-range",
    };

    private readonly ValueParser _values = new();
    private List<PatternBranch> _branches = [new PatternBranch()];

    public static ObjectNode[] Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > EventPatternLimits.MaxPatternLength)
        {
            throw new PatternValidationException(
                JsonPathText.Root, $"the pattern is {json.Length} characters long; the limit is {EventPatternLimits.MaxPatternLength}");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new PatternValidationException(
                JsonPathText.Root,
                $"not valid JSON (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}): {ex.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new PatternValidationException(JsonPathText.Root, "an event pattern must be a JSON object");
            }

            var parser = new PatternParser();
            parser.ParseObject(document.RootElement, [], JsonPathText.Root, depth: 1, insideOr: false);
            return [.. parser._branches.Select(b => b.Build())];
        }
    }

    private void ParseObject(JsonElement value, List<string> path, string jsonPath, int depth, bool insideOr)
    {
        if (depth > EventPatternLimits.MaxNestingDepth)
        {
            throw new PatternValidationException(
                jsonPath, $"the pattern is nested deeper than {EventPatternLimits.MaxNestingDepth} levels");
        }

        bool any = false;
        foreach (JsonProperty property in value.EnumerateObject())
        {
            any = true;
            string name = property.Name;
            string propertyPath = JsonPathText.Property(jsonPath, name);
            if (name == OrKeyword)
            {
                ParseOr(property.Value, path, propertyPath, depth);
                continue;
            }

            if (insideOr && ReservedInOr.Contains(name))
            {
                throw new PatternValidationException(
                    propertyPath, $"'{name}' is a reserved word and cannot be a field name inside $or (is an operator object missing its array brackets?)");
            }

            if (Encoding.UTF8.GetByteCount(name) > EventPatternLimits.MaxStringOperandBytes)
            {
                throw new PatternValidationException(
                    propertyPath, $"field names may be at most {EventPatternLimits.MaxStringOperandBytes} UTF-8 bytes long");
            }

            path.Add(name);
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    ParseObject(property.Value, path, propertyPath, depth + 1, insideOr);
                    break;
                case JsonValueKind.Array:
                    LeafCondition leaf = _values.ParseField(property.Value, propertyPath);
                    foreach (PatternBranch branch in _branches)
                    {
                        branch.Put(path, leaf);
                    }

                    break;
                default:
                    throw new PatternValidationException(
                        propertyPath, $"must be an object or an array of match values, got {Describe(property.Value)} (write [{property.Value.GetRawText()}] to match that value)");
            }

            path.RemoveAt(path.Count - 1);
        }

        if (!any)
        {
            throw new PatternValidationException(jsonPath, "empty objects are not allowed");
        }
    }

    private void ParseOr(JsonElement value, List<string> path, string jsonPath, int depth)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() < 2)
        {
            throw new PatternValidationException(jsonPath, "$or must be an array of at least 2 objects");
        }

        List<PatternBranch> before = _branches;
        var after = new List<PatternBranch>();
        int index = 0;
        foreach (JsonElement alternative in value.EnumerateArray())
        {
            string alternativePath = JsonPathText.Index(jsonPath, index++);
            if (alternative.ValueKind != JsonValueKind.Object)
            {
                throw new PatternValidationException(alternativePath, $"each $or alternative must be an object, got {Describe(alternative)}");
            }

            _branches = [.. before.Select(b => b.Clone())];
            ParseObject(alternative, path, alternativePath, depth + 1, insideOr: true);
            after.AddRange(_branches);
            if (after.Count > EventPatternLimits.MaxOrBranches)
            {
                throw new PatternValidationException(
                    alternativePath, $"$or expands to more than {EventPatternLimits.MaxOrBranches} alternatives");
            }
        }

        _branches = after;
    }

    internal static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
