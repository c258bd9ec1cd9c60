using System.Text;
using System.Text.Json;

namespace EventPatterns;

/// <summary>Compiles one field's array of match values (plain values and operator objects).</summary>
internal sealed partial class ValueParser
{
    private int _valueCount;

    public LeafCondition ParseField(JsonElement array, string path)
    {
        int length = array.GetArrayLength();
        if (length == 0)
        {
            throw new PatternValidationException(path, "empty arrays are not allowed");
        }

        CountValues(length, path);
        var matchers = new List<ValueMatcher>(length);
        bool allowsAbsent = false;
        int index = 0;
        foreach (JsonElement value in array.EnumerateArray())
        {
            string valuePath = JsonPathText.Index(path, index++);
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    string text = ReadString(value, valuePath);
                    matchers.Add(IpAddressText.TryParse(text, out IpAddressValue address)
                        ? new IpAddressMatcher(address)
                        : new ExactStringMatcher(text));
                    break;
                case JsonValueKind.Number:
                    decimal? number = NumericOperand.TryGetComparable(value, out decimal comparable) ? comparable : null;
                    matchers.Add(new ExactNumberMatcher(Encoding.UTF8.GetBytes(value.GetRawText()), number));
                    break;
                case JsonValueKind.True:
                case JsonValueKind.False:
                case JsonValueKind.Null:
                    matchers.Add(new LiteralMatcher(value.ValueKind));
                    break;
                case JsonValueKind.Object:
                    ValueMatcher? matcher = ParseOperator(value, valuePath);
                    if (matcher is null)
                    {
                        allowsAbsent = true;
                    }
                    else
                    {
                        matchers.Add(matcher);
                    }

                    break;
                default:
                    throw new PatternValidationException(
                        valuePath, "a match value must be a string, number, true, false, null or an operator object; nested arrays are not allowed");
            }
        }

        return new LeafCondition([.. matchers], allowsAbsent);
    }

    /// <summary>Parses <c>{"operator": operand}</c>; returns null for <c>{"exists": false}</c>.</summary>
    private ValueMatcher? ParseOperator(JsonElement value, string path)
    {
        (string name, JsonElement operand) = SingleProperty(value, path, "an operator object");
        string operandPath = JsonPathText.Property(path, name);
        switch (name)
        {
            case "prefix":
                return operand.ValueKind == JsonValueKind.Object
                    ? new PrefixIgnoreCaseMatcher(ParseIgnoreCaseOperand(operand, operandPath, "prefix"))
                    : new PrefixMatcher(ReadString(operand, operandPath, "prefix must be a string or {\"equals-ignore-case\": \"...\"}"));
            case "suffix":
                return operand.ValueKind == JsonValueKind.Object
                    ? new SuffixIgnoreCaseMatcher(ParseIgnoreCaseOperand(operand, operandPath, "suffix"))
                    : new SuffixMatcher(ReadString(operand, operandPath, "suffix must be a string or {\"equals-ignore-case\": \"...\"}"));
            case "equals-ignore-case":
                return new EqualsIgnoreCaseMatcher(ReadString(operand, operandPath, "equals-ignore-case must be a string"));
            case "wildcard":
                return WildcardMatcher.Parse(ReadString(operand, operandPath, "wildcard must be a string"), operandPath);
            case "cidr":
                return CidrMatcher.Parse(ReadString(operand, operandPath, "cidr must be a string such as \"10.0.0.0/24\""), operandPath);
            case "numeric":
                return ParseNumeric(operand, operandPath);
            case "anything-but":
                return ParseAnythingBut(operand, operandPath);
            case "exists":
                return operand.ValueKind switch
                {
                    JsonValueKind.True => ExistsMatcher.Instance,
                    JsonValueKind.False => null,
                    _ => throw new PatternValidationException(operandPath, $"exists must be true or false, got {PatternParser.Describe(operand)}"),
                };
            default:
                throw new PatternValidationException(
                    operandPath,
                    $"unknown operator '{name}'; expected one of prefix, suffix, equals-ignore-case, wildcard, anything-but, numeric, exists, cidr");
        }
    }

    // {"equals-ignore-case": "..."} as the operand of prefix or suffix.
    private static string ParseIgnoreCaseOperand(JsonElement operand, string path, string operatorName)
    {
        (string name, JsonElement inner) = SingleProperty(operand, path, $"the {operatorName} object");
        string innerPath = JsonPathText.Property(path, name);
        if (name != "equals-ignore-case")
        {
            throw new PatternValidationException(
                innerPath, $"unsupported {operatorName} option '{name}'; only equals-ignore-case is allowed");
        }

        return ReadString(inner, innerPath, "equals-ignore-case must be a string");
    }

    private static (string Name, JsonElement Value) SingleProperty(JsonElement value, string path, string what)
    {
        int count = 0;
        JsonProperty single = default;
        foreach (JsonProperty property in value.EnumerateObject())
        {
            single = property;
            count++;
        }

        if (count != 1)
        {
            throw new PatternValidationException(path, $"{what} must have exactly one key, found {count}");
        }

        return (single.Name, single.Value);
    }

    private void CountValues(int count, string path)
    {
        if (count > EventPatternLimits.MaxValuesPerField)
        {
            throw new PatternValidationException(
                path, $"{count} values; at most {EventPatternLimits.MaxValuesPerField} are allowed in one array");
        }

        _valueCount += count;
        if (_valueCount > EventPatternLimits.MaxMatchValues)
        {
            throw new PatternValidationException(
                path, $"the pattern has more than {EventPatternLimits.MaxMatchValues} match values");
        }
    }

    private static string ReadString(JsonElement value, string path, string? typeError = null)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new PatternValidationException(path, (typeError ?? "must be a string") + $", got {PatternParser.Describe(value)}");
        }

        string text = value.GetString()!;
        if (Encoding.UTF8.GetByteCount(text) > EventPatternLimits.MaxStringOperandBytes)
        {
            throw new PatternValidationException(
                path, $"strings may be at most {EventPatternLimits.MaxStringOperandBytes} UTF-8 bytes long");
        }

        return text;
    }
}
