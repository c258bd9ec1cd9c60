using System.Text;

namespace EventPatterns;

/// <summary>
/// <c>{"wildcard": "..."}</c>: <c>*</c> matches any run of characters (also none); <c>\*</c> is a literal asterisk and
/// <c>\\</c> a literal backslash. Matching is a single left-to-right scan of literal segments (no regex, no
/// backtracking): the first segment anchors the start, the last the end, the middle ones are found leftmost in order.
/// </summary>
internal sealed class WildcardMatcher : ValueMatcher
{
    private readonly byte[][] _segments;

    private WildcardMatcher(byte[][] segments) => _segments = segments;

    /// <summary>Validates the operand as EventBridge does (no consecutive <c>*</c>, only <c>\*</c> and <c>\\</c> escapes).</summary>
    public static WildcardMatcher Parse(string pattern, string path)
    {
        var segments = new List<byte[]>();
        var current = new StringBuilder();
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '*')
            {
                if (i + 1 < pattern.Length && pattern[i + 1] == '*')
                {
                    throw new PatternValidationException(path, $"consecutive wildcard characters at position {i} are not allowed");
                }

                segments.Add(Encoding.UTF8.GetBytes(current.ToString()));
                current.Clear();
            }
            else if (c == '\\')
            {
                if (i + 1 < pattern.Length && pattern[i + 1] is '*' or '\\')
                {
                    current.Append(pattern[++i]);
                }
                else
                {
                    throw new PatternValidationException(
                        path, $"invalid escape at position {i}: a backslash may only escape '*' or '\\'");
                }
            }
            else
            {
                current.Append(c);
            }
        }

        segments.Add(Encoding.UTF8.GetBytes(current.ToString()));
        return new WildcardMatcher([.. segments]);
    }

    public override bool MatchString(ReadOnlySpan<byte> utf8) => IsMatch(utf8);

    public bool IsMatch(ReadOnlySpan<byte> value)
    {
        byte[] first = _segments[0];
        if (_segments.Length == 1)
        {
            return value.SequenceEqual(first);
        }

        byte[] last = _segments[^1];
        if (value.Length < first.Length + last.Length || !value.StartsWith(first) || !value.EndsWith(last))
        {
            return false;
        }

        ReadOnlySpan<byte> middle = value[first.Length..^last.Length];
        for (int i = 1; i < _segments.Length - 1; i++)
        {
            int at = middle.IndexOf(_segments[i]);
            if (at < 0)
            {
                return false;
            }

            middle = middle[(at + _segments[i].Length)..];
        }

        return true;
    }
}
