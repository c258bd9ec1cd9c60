using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KadoaBridge.Infra.Tests;

[Collection(BicepTemplateDefinition.Name)]
[Trait("Category", "Integration")]
public sealed class BicepCliTests(BicepTemplateFixture fixture)
{
    [Fact]
    public void Build_MainBicep_CompilesWithoutErrors()
    {
        Assert.True(fixture.Build.ExitCode == 0, $"bicep build failed:\n{fixture.Build.StandardError}");
        Assert.DoesNotContain(fixture.Build.Diagnostics, d => d.IsError);
    }

    [Fact]
    public void Lint_MainBicep_HasNoErrorsAndOnlyDateDependentWarnings()
    {
        var diagnostics = fixture.Lint.Diagnostics;
        Assert.True(fixture.Lint.ExitCode == 0, $"bicep lint failed:\n{fixture.Lint.StandardError}");
        Assert.DoesNotContain(diagnostics, d => d.IsError);
        // use-recent-api-versions depends on the day the linter runs; every other finding must be fixed.
        Assert.All(diagnostics, d => Assert.Equal("use-recent-api-versions", d.Code));
    }

    [Theory]
    [InlineData("no-unused-params")]
    [InlineData("no-unused-vars")]
    [InlineData("no-hardcoded-env-urls")]
    [InlineData("no-hardcoded-location")]
    [InlineData("outputs-should-not-contain-secrets")]
    [InlineData("secure-parameter-default")]
    [InlineData("secure-secrets-in-params")]
    [InlineData("use-secure-value-for-secure-inputs")]
    [InlineData("use-resource-symbol-reference")]
    [InlineData("use-stable-resource-identifiers")]
    [InlineData("what-if-short-circuiting")]
    public void BicepConfig_RuleThatMatters_IsAnError(string rule) =>
        Assert.Equal("error", LinterRules()[rule]?["level"].Text());

    [Fact]
    public void BicepConfig_RecentApiVersions_StaysAWarning() =>
        Assert.Equal("warning", LinterRules()["use-recent-api-versions"]?["level"].Text());

    [Fact]
    public void BicepFiles_Modules_AreLocalNotFromARegistry()
    {
        // Registry modules (br:, br/public:, ts:) cannot be restored offline.
        var files = Directory.GetFiles(RepoRoot.Combine("infra"), "*.bicep", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.DoesNotMatch(new Regex(@"^\s*module\s+\w+\s+'(br[:/]|ts[:/])", RegexOptions.Multiline), File.ReadAllText(file)));
    }

    private static JsonObject LinterRules()
    {
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        var config = JsonNode.Parse(File.ReadAllText(RepoRoot.Combine("infra", "bicepconfig.json")), documentOptions: options)!;
        return config["analyzers"]!["core"]!["rules"]!.AsObject();
    }
}
