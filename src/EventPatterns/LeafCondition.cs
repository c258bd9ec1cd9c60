using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace EventPatterns;

/// <summary>
/// The compiled array of one pattern field: the field matches when ANY of its values matches a leaf value of the
/// event. <c>{"exists": false}</c> is not a value matcher but <see cref="AllowsAbsent"/>: the field may have no leaf.
/// </summary>
internal sealed class LeafCondition
{
    private const int StackBytes = 256;

    private readonly ValueMatcher[] _matchers;
    private readonly bool _needsNumber;

    public LeafCondition(ValueMatcher[] matchers, bool allowsAbsent)
    {
        _matchers = matchers;
        AllowsAbsent = allowsAbsent;
        _needsNumber = Array.Exists(matchers, static m => m.NeedsNumber);
    }

    /// <summary>True when the pattern had <c>{"exists": false}</c>: a missing field (or one without a leaf value) satisfies it.</summary>
    public bool AllowsAbsent { get; }

    /// <summary>Does one leaf value (not an object or array) of the event match any value of the field?</summary>
    public bool Matches(JsonElement leaf)
    {
        switch (leaf.ValueKind)
        {
            case JsonValueKind.String:
                return MatchesString(leaf);
            case JsonValueKind.Number:
                ReadOnlySpan<byte> raw = JsonMarshal.GetRawUtf8Value(leaf);
                EventNumber number = _needsNumber ? EventNumber.From(leaf) : default;
                foreach (ValueMatcher matcher in _matchers)
                {
                    if (matcher.MatchNumber(raw, number))
                    {
                        return true;
                    }
                }

                return false;
            default:
                JsonValueKind kind = leaf.ValueKind;
                foreach (ValueMatcher matcher in _matchers)
                {
                    if (matcher.MatchLiteral(kind))
                    {
                        return true;
                    }
                }

                return false;
        }
    }

    private bool MatchesString(JsonElement leaf)
    {
        // The raw value is the JSON token with its quotes; only escaped strings need decoding.
        ReadOnlySpan<byte> raw = JsonMarshal.GetRawUtf8Value(leaf);
        ReadOnlySpan<byte> body = raw[1..^1];
        return body.IndexOf((byte)'\\') < 0 ? MatchesUtf8(body) : MatchesEscaped(raw, body.Length);
    }

    private bool MatchesEscaped(ReadOnlySpan<byte> raw, int escapedLength)
    {
        byte[]? rented = null;
        Span<byte> buffer = escapedLength <= StackBytes
            ? stackalloc byte[StackBytes]
            : (rented = ArrayPool<byte>.Shared.Rent(escapedLength));
        try
        {
            var reader = new Utf8JsonReader(raw);
            reader.Read();
            int length = reader.CopyString(buffer);
            return MatchesUtf8(buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private bool MatchesUtf8(ReadOnlySpan<byte> utf8)
    {
        foreach (ValueMatcher matcher in _matchers)
        {
            if (matcher.MatchString(utf8))
            {
                return true;
            }
        }

        return false;
    }
}
