using System.Text.Json;

namespace EventPatterns;

/// <summary>
/// <c>{"anything-but": ...}</c>: matches any present leaf value (string, number, boolean or null) that none of the
/// excluded values matches. Excluded strings (exact, prefix, suffix, equals-ignore-case, wildcard) only exclude
/// strings and excluded numbers only exclude numbers, as in EventBridge; a missing field never matches.
/// </summary>
internal sealed class AnythingButMatcher(ValueMatcher[] excluded) : ValueMatcher
{
    public override bool NeedsNumber => Array.Exists(excluded, static m => m.NeedsNumber);

    public override bool MatchString(ReadOnlySpan<byte> utf8)
    {
        foreach (ValueMatcher matcher in excluded)
        {
            if (matcher.MatchString(utf8))
            {
                return false;
            }
        }

        return true;
    }

    public override bool MatchNumber(ReadOnlySpan<byte> raw, in EventNumber number)
    {
        foreach (ValueMatcher matcher in excluded)
        {
            if (matcher.MatchNumber(raw, number))
            {
                return false;
            }
        }

        return true;
    }

    public override bool MatchLiteral(JsonValueKind kind) => true;
}
