using System.Text.Json;

namespace EventPatterns;

/// <summary>The <c>numeric</c> and <c>anything-but</c> operators, whose operands have the most shapes.</summary>
internal sealed partial class ValueParser
{
    private const decimal Max = EventPatternLimits.MaxNumericMagnitude;

    private static ValueMatcher ParseNumeric(JsonElement operand, string path)
    {
        if (operand.ValueKind != JsonValueKind.Array)
        {
            throw new PatternValidationException(path, $"numeric must be an array such as [\">\", 0, \"<=\", 5], got {PatternParser.Describe(operand)}");
        }

        JsonElement[] terms = [.. operand.EnumerateArray()];
        if (terms.Length < 2)
        {
            throw new PatternValidationException(path, "numeric needs an operator and a number, e.g. [\">=\", 10]");
        }

        string first = ReadNumericOperator(terms[0], JsonPathText.Index(path, 0));
        decimal value = NumericOperand.GetComparableOrThrow(terms[1], JsonPathText.Index(path, 1));
        if (first is not (">" or ">=") && terms.Length > 2)
        {
            throw new PatternValidationException(
                JsonPathText.Index(path, 2),
                $"too many elements: \"{first}\" takes one number (a range starts with > or >=, e.g. [\">\", 0, \"<=\", 5])");
        }

        switch (first)
        {
            case "=":
                return new NumericEqualsMatcher(value);
            case "<":
            case "<=":
                return Range(-Max, false, value, first == "<", path);
        }

        if (terms.Length == 2)
        {
            return Range(value, first == ">", Max, false, path);
        }

        string second = ReadNumericOperator(terms[2], JsonPathText.Index(path, 2));
        if (second is not ("<" or "<="))
        {
            throw new PatternValidationException(
                JsonPathText.Index(path, 2), $"the upper bound of a range must use < or <=, got \"{second}\"");
        }

        if (terms.Length != 4)
        {
            throw new PatternValidationException(
                JsonPathText.Index(path, Math.Min(terms.Length, 4)),
                terms.Length < 4 ? "the upper bound's number is missing" : "too many elements in numeric range");
        }

        decimal top = NumericOperand.GetComparableOrThrow(terms[3], JsonPathText.Index(path, 3));
        return Range(value, first == ">", top, second == "<", path);
    }

    private static string ReadNumericOperator(JsonElement term, string path) =>
        term.ValueKind == JsonValueKind.String && term.GetString() is "=" or "<" or "<=" or ">" or ">="
            ? term.GetString()!
            : throw new PatternValidationException(
                path, $"expected a numeric operator (=, <, <=, >, >=), got {term.GetRawText()}");

    private static NumericRangeMatcher Range(decimal low, bool lowOpen, decimal high, bool highOpen, string path) =>
        low < high
            ? new NumericRangeMatcher(low, lowOpen, high, highOpen)
            : throw new PatternValidationException(
                path, $"empty numeric range: the lower bound ({low}) must be less than the upper bound ({high}); numbers are limited to ±5.0e9");

    private AnythingButMatcher ParseAnythingBut(JsonElement operand, string path)
    {
        switch (operand.ValueKind)
        {
            case JsonValueKind.String:
                return new AnythingButMatcher([new ExactStringMatcher(ReadString(operand, path))]);
            case JsonValueKind.Number:
                return new AnythingButMatcher([new NumericEqualsMatcher(NumericOperand.GetComparableOrThrow(operand, path))]);
            case JsonValueKind.Array:
                return new AnythingButMatcher(ParseAnythingButList(operand, path));
            case JsonValueKind.Object:
                (string name, JsonElement inner) = SingleProperty(operand, path, "the anything-but object");
                string innerPath = JsonPathText.Property(path, name);
                Func<string, string, ValueMatcher> create = name switch
                {
                    "prefix" => (text, at) => new PrefixMatcher(NotEmpty(text, at, "prefix")),
                    "suffix" => (text, at) => new SuffixMatcher(NotEmpty(text, at, "suffix")),
                    "equals-ignore-case" => (text, _) => new EqualsIgnoreCaseMatcher(text),
                    "wildcard" => WildcardMatcher.Parse,
                    _ => throw new PatternValidationException(
                        innerPath, $"unsupported anything-but operator '{name}'; expected prefix, suffix, equals-ignore-case or wildcard"),
                };
                return new AnythingButMatcher(ParseStrings(inner, innerPath, name, create));
            default:
                throw new PatternValidationException(
                    path, $"anything-but must be a string, a number, a list of strings or of numbers, or an object with prefix, suffix, equals-ignore-case or wildcard; got {PatternParser.Describe(operand)}");
        }
    }

    private ValueMatcher[] ParseAnythingButList(JsonElement list, string path)
    {
        int length = list.GetArrayLength();
        if (length == 0)
        {
            throw new PatternValidationException(path, "empty arrays are not allowed");
        }

        CountValues(length, path);
        var matchers = new List<ValueMatcher>(length);
        JsonValueKind kind = JsonValueKind.Undefined;
        int index = 0;
        foreach (JsonElement value in list.EnumerateArray())
        {
            string valuePath = JsonPathText.Index(path, index++);
            if (value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
            {
                throw new PatternValidationException(
                    valuePath, $"anything-but lists may contain only strings or only numbers, got {PatternParser.Describe(value)}");
            }

            if (kind != JsonValueKind.Undefined && value.ValueKind != kind)
            {
                throw new PatternValidationException(valuePath, "anything-but lists must not mix strings and numbers");
            }

            kind = value.ValueKind;
            matchers.Add(kind == JsonValueKind.String
                ? new ExactStringMatcher(ReadString(value, valuePath))
                : new NumericEqualsMatcher(NumericOperand.GetComparableOrThrow(value, valuePath)));
        }

        return [.. matchers];
    }

    // The operand of anything-but's prefix/suffix/equals-ignore-case/wildcard: one string or a list of strings.
    private ValueMatcher[] ParseStrings(JsonElement operand, string path, string name, Func<string, string, ValueMatcher> create)
    {
        if (operand.ValueKind == JsonValueKind.String)
        {
            return [create(ReadString(operand, path), path)];
        }

        if (operand.ValueKind != JsonValueKind.Array)
        {
            throw new PatternValidationException(path, $"{name} must be a string or a list of strings, got {PatternParser.Describe(operand)}");
        }

        int length = operand.GetArrayLength();
        if (length == 0)
        {
            throw new PatternValidationException(path, "empty arrays are not allowed");
        }

        CountValues(length, path);
        var matchers = new List<ValueMatcher>(length);
        int index = 0;
        foreach (JsonElement value in operand.EnumerateArray())
        {
            string valuePath = JsonPathText.Index(path, index++);
            matchers.Add(create(ReadString(value, valuePath, $"{name} values must be strings"), valuePath));
        }

        return [.. matchers];
    }

    private static string NotEmpty(string text, string path, string name) =>
        text.Length > 0 ? text : throw new PatternValidationException(path, $"anything-but {name} must not be empty");
}
