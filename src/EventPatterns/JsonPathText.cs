using System.Text;

namespace EventPatterns;

/// <summary>
/// Builds RFC 9535 normalized JSON paths (<c>$.a.b[0]['anything-but']</c>), the form of
/// <see cref="PatternValidationException.Path"/>. A host that embeds a pattern in a larger document (a rule's
/// <c>filter</c>, say) rebases the error path with <see cref="Rebase"/> and names its own errors the same way.
/// See https://www.rfc-editor.org/rfc/rfc9535#name-normalized-paths.
/// </summary>
public static class JsonPathText
{
    /// <summary>The path of the root node: <c>$</c>.</summary>
    public const string Root = "$";

    /// <summary>
    /// The path of member <paramref name="name"/> of the node at <paramref name="parent"/>: <c>$.data</c>, or
    /// <c>$['detail-type']</c> when the name is not a plain identifier.
    /// </summary>
    public static string Property(string parent, string name)
    {
        if (IsShorthand(name))
        {
            return parent + "." + name;
        }

        var builder = new StringBuilder(parent.Length + name.Length + 4);
        builder.Append(parent).Append("['");
        foreach (char c in name)
        {
            switch (c)
            {
                case '\'':
                    builder.Append("\\'");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case < ' ':
                    builder.Append("\\u").Append(((int)c).ToString("x4"));
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.Append("']").ToString();
    }

    /// <summary>The path of element <paramref name="index"/> (zero-based) of the array at <paramref name="parent"/>: <c>$.a[0]</c>.</summary>
    public static string Index(string parent, int index) => parent + "[" + index.ToString() + "]";

    /// <summary>Prefixes a pattern path (<c>$.data.url</c>) with a parent path (<c>$.filter</c> gives <c>$.filter.data.url</c>).</summary>
    public static string Rebase(string parent, string patternPath) =>
        patternPath.Length > 1 ? parent + patternPath[1..] : parent;

    // RFC 9535 member-name-shorthand: name-first (ALPHA / "_" / non-ASCII) then name-chars (name-first / DIGIT).
    private static bool IsShorthand(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || c >= 0x80))
            {
                return false;
            }
        }

        return true;
    }
}
