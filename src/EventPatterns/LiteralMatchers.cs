using System.Text;
using System.Text.Json;

namespace EventPatterns;

/// <summary>A string value in a pattern: ordinal, byte-exact equality with the event string.</summary>
internal sealed class ExactStringMatcher(string value) : ValueMatcher
{
    private readonly byte[] _utf8 = Encoding.UTF8.GetBytes(value);

    public override bool MatchString(ReadOnlySpan<byte> utf8) => utf8.SequenceEqual(_utf8);
}

/// <summary>
/// A number in a pattern. Matches an event number with the same JSON text, or with the same value when both are
/// within the numeric domain (so <c>5</c> matches <c>5.0</c>); never a string such as <c>"5"</c>.
/// </summary>
internal sealed class ExactNumberMatcher(byte[] rawUtf8, decimal? value) : ValueMatcher
{
    public override bool NeedsNumber => value.HasValue;

    public override bool MatchNumber(ReadOnlySpan<byte> raw, in EventNumber number) =>
        raw.SequenceEqual(rawUtf8) || (value.HasValue && number.IsComparable && number.Value == value.Value);
}

/// <summary><c>true</c>, <c>false</c> or <c>null</c> in a pattern: matches only the same JSON literal.</summary>
internal sealed class LiteralMatcher(JsonValueKind literal) : ValueMatcher
{
    public override bool MatchLiteral(JsonValueKind kind) => kind == literal;
}

/// <summary><c>{"exists": true}</c>: any leaf value (string, number, boolean or null) is present.</summary>
internal sealed class ExistsMatcher : ValueMatcher
{
    public static readonly ExistsMatcher Instance = new();

    private ExistsMatcher()
    {
    }

    public override bool MatchString(ReadOnlySpan<byte> utf8) => true;

    public override bool MatchNumber(ReadOnlySpan<byte> raw, in EventNumber number) => true;

    public override bool MatchLiteral(JsonValueKind kind) => true;
}

/// <summary><c>{"prefix": "..."}</c>: ordinal prefix of a string value (an empty prefix matches every string).</summary>
internal sealed class PrefixMatcher(string prefix) : ValueMatcher
{
    private readonly byte[] _utf8 = Encoding.UTF8.GetBytes(prefix);

    public override bool MatchString(ReadOnlySpan<byte> utf8) => utf8.StartsWith(_utf8);
}

/// <summary><c>{"suffix": "..."}</c>: ordinal suffix of a string value.</summary>
internal sealed class SuffixMatcher(string suffix) : ValueMatcher
{
    private readonly byte[] _utf8 = Encoding.UTF8.GetBytes(suffix);

    public override bool MatchString(ReadOnlySpan<byte> utf8) => utf8.EndsWith(_utf8);
}
