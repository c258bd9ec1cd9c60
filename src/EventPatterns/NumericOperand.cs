using System.Text.Json;

namespace EventPatterns;

/// <summary>EventBridge's numeric domain: ±5.0e9 inclusive, at most six decimal places (pattern operands).</summary>
internal static class NumericOperand
{
    private const decimal Max = EventPatternLimits.MaxNumericMagnitude;

    public static bool InRange(decimal value) => value is >= -Max and <= Max;

    /// <summary>The operand as a decimal when it is inside EventBridge's numeric domain.</summary>
    public static bool TryGetComparable(JsonElement number, out decimal value) =>
        number.TryGetDecimal(out value) && InRange(value) && HasAtMostSixDecimals(value);

    /// <summary>Same as <see cref="TryGetComparable"/>, but explains a failure for the error message.</summary>
    public static decimal GetComparableOrThrow(JsonElement number, string path)
    {
        if (number.ValueKind != JsonValueKind.Number)
        {
            throw new PatternValidationException(path, "must be a JSON number");
        }

        if (!number.TryGetDecimal(out decimal value) || !InRange(value))
        {
            throw new PatternValidationException(
                path, $"numbers must be between -5.0e9 and 5.0e9 inclusive, got {number.GetRawText()}");
        }

        if (!HasAtMostSixDecimals(value))
        {
            throw new PatternValidationException(
                path, $"numbers may have at most {EventPatternLimits.MaxNumericDecimals} decimal places, got {number.GetRawText()}");
        }

        return value;
    }

    private static bool HasAtMostSixDecimals(decimal value)
    {
        decimal shifted = value * 1_000_000m;
        return shifted == decimal.Truncate(shifted);
    }
}
