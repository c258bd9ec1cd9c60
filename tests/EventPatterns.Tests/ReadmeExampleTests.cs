using System.Text.Json;

namespace EventPatterns.Tests;

/// <summary>The usage example of src/EventPatterns/README.md: it compiles, does what its comments say, and is the README's text.</summary>
public class ReadmeExampleTests
{
    // Split so that only the marker comments in the test below contain "README example: begin" and "…: end".
    private const string Marker = "// README example: ";

    [Fact]
    public void Example_Run_DoesWhatItsCommentsSay()
    {
        // README example: begin
        var pattern = EventPattern.Parse("""
            {"type": ["order.created"],
             "data": {"items": {"sku": [{"prefix": "BK-"}], "qty": [{"numeric": [">", 1]}]}}}
            """);
        using var order = JsonDocument.Parse("""
            {"type": "order.created", "data": {"items": [{"sku": "BK-1", "qty": 1}, {"sku": "CD-2", "qty": 3}]}}
            """);
        bool matches = pattern.Matches(order.RootElement); // false: no single item is a book bought more than once
        bool fromBytes = pattern.Matches("""{"type": "order.created", "data": {"items": [{"sku": "BK-7", "qty": 2}]}}"""u8); // true
        string? error = null;
        try { EventPattern.Parse("""{"type": "order.created"}"""); }
        catch (PatternValidationException e) { error = e.Message; } // "$.type: must be an object or an array of match values, ..."
        // README example: end

        Assert.False(matches);
        Assert.True(fromBytes);
        Assert.StartsWith("$.type: must be an object or an array of match values, ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Example_Readme_IsTheCodeTheTestRuns()
    {
        string source = File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "EventPatterns.Tests", "ReadmeExampleTests.cs"));
        int begin = source.IndexOf(Marker + "begin", StringComparison.Ordinal);
        int end = source.IndexOf(Marker + "end", begin + 1, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, "the example's markers are missing");
        string tested = Dedent(source[(source.IndexOf('\n', begin) + 1)..source.LastIndexOf('\n', end)]);

        string readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "EventPatterns", "README.md"));
        int fence = readme.IndexOf("```csharp\n", StringComparison.Ordinal);
        Assert.True(fence >= 0, "the README has no ```csharp block");
        int start = fence + "```csharp\n".Length;
        string documented = readme[start..readme.IndexOf("\n```", start - 1, StringComparison.Ordinal)];

        Assert.Equal(tested, documented);
    }

    // The tests run from tests/EventPatterns.Tests/bin/<configuration>/<framework>: the repository is above.
    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "src", "EventPatterns", "README.md")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no src/EventPatterns/README.md above {AppContext.BaseDirectory}");
    }

    private static string Dedent(string block)
    {
        string[] lines = block.Split('\n');
        int indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
    }
}
