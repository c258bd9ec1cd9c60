using System.Text;

namespace KadoaBridge.Core.Routing.Patterns;

/// <summary>Builds RFC 9535 normalized JSON paths (<c>$.a.b[0]['anything-but']</c>) for error messages.</summary>
internal static class JsonPathText
{
    public const string Root = "$";

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
