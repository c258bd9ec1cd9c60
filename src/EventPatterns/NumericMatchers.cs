namespace EventPatterns;

/// <summary>
/// <c>{"numeric": [...]}</c> and numeric <c>anything-but</c> values: a JSON number of the event within ±5.0e9,
/// compared by value (exactly, in decimal). Strings never match, even <c>"5"</c>.
/// </summary>
internal sealed class NumericRangeMatcher(decimal low, bool lowOpen, decimal high, bool highOpen) : ValueMatcher
{
    public override bool NeedsNumber => true;

    public override bool MatchNumber(ReadOnlySpan<byte> raw, in EventNumber number)
    {
        if (!number.IsComparable)
        {
            return false;
        }

        decimal value = number.Value;
        return (lowOpen ? value > low : value >= low) && (highOpen ? value < high : value <= high);
    }
}

/// <summary><c>["=", n]</c>, and each number of a numeric <c>anything-but</c>.</summary>
internal sealed class NumericEqualsMatcher(decimal expected) : ValueMatcher
{
    public override bool NeedsNumber => true;

    public override bool MatchNumber(ReadOnlySpan<byte> raw, in EventNumber number) =>
        number.IsComparable && number.Value == expected;
}
