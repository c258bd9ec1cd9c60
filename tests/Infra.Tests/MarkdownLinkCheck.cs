using System.Text.RegularExpressions;

namespace KadoaBridge.Infra.Tests;

/// <summary>Checks that relative links in Markdown files reach a file or folder of the repository and, with a
/// <c>#anchor</c>, a heading of that Markdown file.</summary>
internal static partial class MarkdownLinkCheck
{
    /// <summary>Every link of <paramref name="files"/> that does not resolve, as "file:line: target: why".</summary>
    public static IReadOnlyList<string> BrokenLinks(string root, IEnumerable<string> files)
    {
        root = Path.GetFullPath(root);
        var pages = new Dictionary<string, MarkdownPage>(StringComparer.Ordinal);
        var broken = new List<string>();
        foreach (var file in files.Select(Path.GetFullPath))
        {
            foreach (var link in Page(file).Links)
            {
                if (Problem(file, link.Target) is { } problem)
                {
                    broken.Add($"{Relative(file)}:{link.Line}: {link.Target}: {problem}");
                }
            }
        }

        return broken;

        string? Problem(string file, string target)
        {
            if (target.Length == 0)
            {
                return "empty target";
            }

            if (Scheme().IsMatch(target))
            {
                return null;
            }

            var hash = target.IndexOf('#', StringComparison.Ordinal);
            var path = Uri.UnescapeDataString(hash < 0 ? target : target[..hash]);
            var resolved = path.Length == 0 ? file
                : path.StartsWith('/') ? Path.GetFullPath(Path.Combine(root, path.TrimStart('/')))
                : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, path));
            if (!resolved.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                return "outside the repository";
            }

            if (!File.Exists(resolved) && !Directory.Exists(resolved))
            {
                return $"{Relative(resolved)} does not exist";
            }

            if (hash < 0)
            {
                return null;
            }

            var anchor = Uri.UnescapeDataString(target[(hash + 1)..]);
            if (!resolved.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            {
                return "an anchor on a file that is not Markdown cannot be checked";
            }

            return Page(resolved).Anchors.Contains(anchor)
                ? null
                : $"no heading of {Relative(resolved)} has the anchor #{anchor}";
        }

        // Forward slashes on every OS, as in the links themselves.
        string Relative(string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

        MarkdownPage Page(string path)
        {
            if (!pages.TryGetValue(path, out var page))
            {
                page = MarkdownPage.Read(path);
                pages.Add(path, page);
            }

            return page;
        }
    }

    /// <summary>An absolute URI (<c>https:</c>, <c>mailto:</c>, …): not ours to check offline.</summary>
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex Scheme();
}
