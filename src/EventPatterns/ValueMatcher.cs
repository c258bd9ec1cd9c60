using System.Text.Json;

namespace EventPatterns;

/// <summary>
/// One compiled match value of a pattern field (an element of the field's array). Each leaf value of the event is
/// offered through the method of its JSON kind; the defaults say "no match", so a string operator never matches a
/// number, a number never matches a string, and so on.
/// </summary>
internal abstract class ValueMatcher
{
    /// <summary>True when <see cref="MatchNumber"/> reads <see cref="EventNumber.Value"/> (so the caller parses it).</summary>
    public virtual bool NeedsNumber => false;

    /// <param name="utf8">The event string, unescaped, as UTF-8 without quotes.</param>
    public virtual bool MatchString(ReadOnlySpan<byte> utf8) => false;

    /// <param name="raw">The event number's JSON text.</param>
    /// <param name="number">Its value, when it is within the comparable range.</param>
    public virtual bool MatchNumber(ReadOnlySpan<byte> raw, in EventNumber number) => false;

    /// <param name="kind"><see cref="JsonValueKind.True"/>, <see cref="JsonValueKind.False"/> or <see cref="JsonValueKind.Null"/>.</param>
    public virtual bool MatchLiteral(JsonValueKind kind) => false;
}

/// <summary>An event number as numeric operators see it: comparable only within ±<see cref="EventPatternLimits.MaxNumericMagnitude"/>.</summary>
internal readonly struct EventNumber
{
    private EventNumber(decimal value)
    {
        IsComparable = true;
        Value = value;
    }

    public bool IsComparable { get; }

    public decimal Value { get; }

    public static EventNumber From(JsonElement number) =>
        number.TryGetDecimal(out decimal value) && NumericOperand.InRange(value) ? new EventNumber(value) : default;
}
