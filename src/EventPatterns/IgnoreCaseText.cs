using System.Buffers;
using System.Text;

namespace EventPatterns;

/// <summary>
/// Case-insensitive comparisons of an event's UTF-8 string with an operand, as <see cref="StringComparison.OrdinalIgnoreCase"/>
/// (simple Unicode case mapping) without allocating: ASCII text is compared byte-wise, anything else is transcoded to
/// UTF-16 on the stack (or a pooled buffer for long values).
/// </summary>
internal sealed class IgnoreCaseText
{
    private const int StackChars = 256;

    private readonly string _text;
    private readonly byte[] _utf8;
    private readonly bool _isAscii;

    public IgnoreCaseText(string text)
    {
        _text = text;
        _utf8 = Encoding.UTF8.GetBytes(text);
        _isAscii = Ascii.IsValid(_utf8);
    }

    private enum Mode
    {
        Equals,
        StartsWith,
        EndsWith,
    }

    public bool EqualTo(ReadOnlySpan<byte> value) =>
        _isAscii && Ascii.IsValid(value) ? Ascii.EqualsIgnoreCase(value, _utf8) : CompareUtf16(value, Mode.Equals);

    public bool PrefixOf(ReadOnlySpan<byte> value)
    {
        if (_isAscii && value.Length >= _utf8.Length && Ascii.IsValid(value[.._utf8.Length]))
        {
            return Ascii.EqualsIgnoreCase(value[.._utf8.Length], _utf8);
        }

        return CompareUtf16(value, Mode.StartsWith);
    }

    public bool SuffixOf(ReadOnlySpan<byte> value)
    {
        if (_isAscii && value.Length >= _utf8.Length && Ascii.IsValid(value[^_utf8.Length..]))
        {
            return Ascii.EqualsIgnoreCase(value[^_utf8.Length..], _utf8);
        }

        return CompareUtf16(value, Mode.EndsWith);
    }

    private bool CompareUtf16(ReadOnlySpan<byte> value, Mode mode)
    {
        char[]? rented = null;
        Span<char> chars = value.Length <= StackChars
            ? stackalloc char[StackChars]
            : (rented = ArrayPool<char>.Shared.Rent(value.Length));
        try
        {
            int count = Encoding.UTF8.GetChars(value, chars);
            ReadOnlySpan<char> text = chars[..count];
            return mode switch
            {
                Mode.Equals => text.Equals(_text, StringComparison.OrdinalIgnoreCase),
                Mode.StartsWith => text.StartsWith(_text, StringComparison.OrdinalIgnoreCase),
                _ => text.EndsWith(_text, StringComparison.OrdinalIgnoreCase),
            };
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}

/// <summary><c>{"equals-ignore-case": "..."}</c>.</summary>
internal sealed class EqualsIgnoreCaseMatcher(string value) : ValueMatcher
{
    private readonly IgnoreCaseText _text = new(value);

    public override bool MatchString(ReadOnlySpan<byte> utf8) => _text.EqualTo(utf8);
}

/// <summary><c>{"prefix": {"equals-ignore-case": "..."}}</c>.</summary>
internal sealed class PrefixIgnoreCaseMatcher(string prefix) : ValueMatcher
{
    private readonly IgnoreCaseText _text = new(prefix);

    public override bool MatchString(ReadOnlySpan<byte> utf8) => _text.PrefixOf(utf8);
}

/// <summary><c>{"suffix": {"equals-ignore-case": "..."}}</c>.</summary>
internal sealed class SuffixIgnoreCaseMatcher(string suffix) : ValueMatcher
{
    private readonly IgnoreCaseText _text = new(suffix);

    public override bool MatchString(ReadOnlySpan<byte> utf8) => _text.SuffixOf(utf8);
}
