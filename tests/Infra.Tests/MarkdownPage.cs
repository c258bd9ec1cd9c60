using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace KadoaBridge.Infra.Tests;

/// <summary>A link in a Markdown file: the line it is on (1-based) and its target as written.</summary>
internal sealed record MarkdownLink(int Line, string Target);

/// <summary>
/// One Markdown file as GitHub renders it: the anchors its headings get and the links outside code. Enough of
/// CommonMark for our docs: ATX headings, fenced code blocks, inline code spans, inline links and images, link
/// reference definitions.
/// </summary>
internal sealed partial class MarkdownPage
{
    private MarkdownPage(IReadOnlySet<string> anchors, IReadOnlyList<MarkdownLink> links)
    {
        Anchors = anchors;
        Links = links;
    }

    /// <summary>The anchor of every heading, as GitHub makes them (a repeated heading gets <c>-1</c>, <c>-2</c>, …).</summary>
    public IReadOnlySet<string> Anchors { get; }

    public IReadOnlyList<MarkdownLink> Links { get; }

    public static MarkdownPage Read(string path) => Parse(File.ReadAllText(path));

    public static MarkdownPage Parse(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var links = new List<MarkdownLink>();
        string? fence = null;
        var lines = markdown.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var fenceMatch = Fence().Match(line);
            if (fence is null && fenceMatch.Success)
            {
                fence = fenceMatch.Groups["fence"].Value;
                continue;
            }

            if (fence is not null)
            {
                // A fence closes with a run of the same character at least as long, and nothing after it.
                if (fenceMatch.Success && fenceMatch.Groups["fence"].Value[0] == fence[0] &&
                    fenceMatch.Groups["fence"].Value.Length >= fence.Length && fenceMatch.Groups["info"].Value.Length == 0)
                {
                    fence = null;
                }

                continue;
            }

            var heading = Heading().Match(line);
            if (heading.Success)
            {
                var slug = Slug(heading.Groups["text"].Value);
                var anchor = slug;
                for (var n = 1; !anchors.Add(anchor); n++)
                {
                    anchor = $"{slug}-{n}";
                }
            }

            var text = CodeSpan().Replace(line, string.Empty);
            foreach (Match link in InlineLink().Matches(text))
            {
                links.Add(new MarkdownLink(i + 1, link.Groups["target"].Value));
            }

            if (ReferenceDefinition().Match(text) is { Success: true } definition)
            {
                links.Add(new MarkdownLink(i + 1, definition.Groups["target"].Value));
            }
        }

        return new MarkdownPage(anchors, links);
    }

    /// <summary>
    /// GitHub's heading anchor (github-slugger): the heading's text lower-cased, every space a hyphen, and every
    /// character dropped that is not a letter, a mark, a number, <c>-</c> or <c>_</c>. Markup is not text: link
    /// targets, backticks and emphasis stars go first.
    /// </summary>
    public static string Slug(string heading)
    {
        var text = InlineLink().Replace(heading, "${text}").Replace("`", string.Empty, StringComparison.Ordinal)
            .Replace("*", string.Empty, StringComparison.Ordinal);
        var slug = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (c == ' ')
            {
                slug.Append('-');
            }
            else if (c is '-' or '_' || char.GetUnicodeCategory(c) is
                UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or
                UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark or
                UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark or UnicodeCategory.DecimalDigitNumber or
                UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber or UnicodeCategory.ConnectorPunctuation)
            {
                slug.Append(c);
            }
        }

        return slug.ToString();
    }

    [GeneratedRegex(@"^ {0,3}(?<fence>`{3,}|~{3,})\s*(?<info>\S.*)?$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^ {0,3}#{1,6}[ \t]+(?<text>.*?)(?:[ \t]+#+)?[ \t]*$")]
    private static partial Regex Heading();

    /// <summary>An inline code span: a run of backticks, then anything up to a run of the same length.</summary>
    [GeneratedRegex(@"(?<!`)(?<ticks>`+)(?!`).*?(?<!`)\k<ticks>(?!`)")]
    private static partial Regex CodeSpan();

    /// <summary><c>[text](target "title")</c> or <c>![alt](target)</c>, the target optionally in angle brackets.</summary>
    [GeneratedRegex("""!?\[(?<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?(?<target>[^\s()<>]*)>?(?:\s+"[^"]*")?\s*\)""")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^ {0,3}\[[^\]]+\]:\s*<?(?<target>[^\s>]+)>?")]
    private static partial Regex ReferenceDefinition();
}
