namespace KadoaBridge.Infra.Tests;

/// <summary>
/// The README is the front page and docs/ holds one page per topic: every relative link and anchor between them
/// resolves, and every page can be reached from the README in one click.
/// </summary>
public sealed class DocsLinkTests
{
    private static string[] DocsPages() => Directory.GetFiles(RepoRoot.Combine("docs"), "*.md").Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Links_InReadmeAndDocs_ResolveToFilesAndHeadings()
    {
        var files = DocsPages().Prepend(RepoRoot.Combine("README.md")).ToList();
        Assert.True(files.Count > 1, "docs/ holds no Markdown page.");
        Assert.NotEmpty(files.SelectMany(file => MarkdownPage.Read(file).Links));

        var broken = MarkdownLinkCheck.BrokenLinks(RepoRoot.Path, files);

        Assert.True(broken.Count == 0, "Links that do not resolve:\n" + string.Join('\n', broken));
    }

    [Fact]
    public void Readme_DocsPages_AreEachLinked()
    {
        var readme = RepoRoot.Combine("README.md");
        var linked = MarkdownPage.Read(readme).Links
            .Select(link => link.Target.Split('#')[0])
            .Where(path => path.Length > 0 && !path.Contains(':', StringComparison.Ordinal))
            .Select(path => Path.GetFullPath(Path.Combine(RepoRoot.Path, Uri.UnescapeDataString(path))))
            .ToHashSet(StringComparer.Ordinal);

        var unlinked = DocsPages().Where(page => !linked.Contains(Path.GetFullPath(page))).Select(Path.GetFileName).ToList();

        Assert.True(unlinked.Count == 0, "docs pages the README does not link: " + string.Join(", ", unlinked));
    }

    [Theory]
    [InlineData("Run it and test it", "run-it-and-test-it")]
    [InlineData("With Azure Functions Core Tools (`func start`)", "with-azure-functions-core-tools-func-start")]
    [InlineData("Reconciliation with Kadoa's record", "reconciliation-with-kadoas-record")]
    [InlineData("Status: where unmatched events go", "status-where-unmatched-events-go")]
    [InlineData("Kadoa → Azure Event Grid bridge", "kadoa--azure-event-grid-bridge")]
    [InlineData("What is kept, and for how long", "what-is-kept-and-for-how-long")]
    [InlineData("The `x-functions-key` header, **required**", "the-x-functions-key-header-required")]
    [InlineData("See [Recovery](operations.md#recovery) first", "see-recovery-first")]
    [InlineData("snake_case and 2.0 — Ünïcode", "snake_case-and-20--ünïcode")]
    public void Slug_Heading_IsGitHubsAnchor(string heading, string anchor) =>
        Assert.Equal(anchor, MarkdownPage.Slug(heading));

    [Fact]
    public void Parse_RepeatedHeadingsAndCode_NumberAnchorsAndSkipCode()
    {
        var page = MarkdownPage.Parse("""
            # Options
            ## Options
            ```bash
            # not a heading [nor a link](nowhere.md)
            ```
            Text with `[code](not-a-link.md)` and [a link](other.md#options-1).
            [ref]: ref.md
            """);

        Assert.Equal(["options", "options-1"], page.Anchors.Order(StringComparer.Ordinal));
        Assert.Equal([new MarkdownLink(6, "other.md#options-1"), new MarkdownLink(7, "ref.md")], page.Links);
    }

    [Fact]
    public void BrokenLinks_MissingFileOrHeading_AreEachReported()
    {
        var root = Directory.CreateTempSubdirectory("docs-links-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "docs"));
            File.WriteAllText(Path.Combine(root, "docs", "page.md"), "# Page\n\n## A section\n");
            var readme = Path.Combine(root, "README.md");
            File.WriteAllText(readme, """
                # Front
                [ok](docs/page.md#a-section) [ok](#front) [ok](docs/) [web](https://example.com/x#y)
                [no file](docs/missing.md) [no heading](docs/page.md#b-section) [no local heading](#back)
                [up](../outside.md)
                """);

            var broken = MarkdownLinkCheck.BrokenLinks(root, [readme]);

            Assert.Equal(
                [
                    "README.md:3: docs/missing.md: docs/missing.md does not exist",
                    "README.md:3: docs/page.md#b-section: no heading of docs/page.md has the anchor #b-section",
                    "README.md:3: #back: no heading of README.md has the anchor #back",
                    "README.md:4: ../outside.md: outside the repository",
                ],
                broken);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
