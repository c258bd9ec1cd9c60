using System.Text.RegularExpressions;

namespace KadoaBridge.Infra.Tests;

/// <summary>azure.yaml, its hooks and the listener's Dockerfile fit together.</summary>
public sealed class AzdProjectTests
{
    private static readonly string AzureYaml = File.ReadAllText(RepoRoot.Combine("azure.yaml"));

    [Theory]
    [InlineData("listener", "containerapp", "./src/Listener")]
    [InlineData("functions", "function", "./src/Functions")]
    public void AzureYaml_Service_HasHostProjectAndLanguage(string service, string host, string project)
    {
        var block = ServiceBlock(service);
        Assert.Contains($"host: {host}", block, StringComparison.Ordinal);
        Assert.Contains($"project: {project}", block, StringComparison.Ordinal);
        Assert.Contains("language: dotnet", block, StringComparison.Ordinal);
    }

    [Fact]
    public void AzureYaml_Listener_BuildsRemotelyFromItsDockerfile()
    {
        var block = ServiceBlock("listener");
        Assert.Contains("remoteBuild: true", block, StringComparison.Ordinal);
        var dockerfile = Regex.Match(block, @"path:\s*(\S+)").Groups[1].Value;
        var context = Regex.Match(block, @"context:\s*(\S+)").Groups[1].Value;
        Assert.True(File.Exists(RepoRoot.Combine("src", "Listener", dockerfile)), $"no Dockerfile at src/Listener/{dockerfile}");
        Assert.Equal(RepoRoot.Path.TrimEnd('/'), Path.GetFullPath(RepoRoot.Combine("src", "Listener", context)).TrimEnd('/'));
    }

    [Fact]
    public void AzureYaml_PostDeployHook_RunsScriptsThatExist()
    {
        var scripts = Regex.Matches(AzureYaml, @"run:\s*(\./infra/hooks/\S+)").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["./infra/hooks/postdeploy.sh", "./infra/hooks/postdeploy.ps1"], scripts);
        Assert.All(scripts, s => Assert.True(File.Exists(RepoRoot.Combine(s[2..])), $"{s} is missing"));
    }

    [Fact]
    public void AzureYaml_Up_ProvisionsAgainAfterDeploying() =>
        Assert.Matches(new Regex(@"steps:\s*\n\s*- azd: provision\s*\n\s*- azd: deploy --all\s*\n(\s*#.*\n)*\s*- azd: provision"), AzureYaml);

    [Fact]
    public void Dockerfile_Listener_IsMultiStageNonRootOnPort8080()
    {
        var dockerfile = File.ReadAllText(RepoRoot.Combine("src", "Listener", "Dockerfile"));
        Assert.True(Regex.Count(dockerfile, @"^FROM\s", RegexOptions.Multiline) >= 2, "expected a build stage and a runtime stage");
        Assert.Matches(new Regex(@"^USER\s+\$APP_UID\s*$", RegexOptions.Multiline), dockerfile);
        Assert.Matches(new Regex(@"^EXPOSE\s+8080\s*$", RegexOptions.Multiline), dockerfile);
        Assert.Contains("ASPNETCORE_URLS=http://+:8080", dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public void Dockerfile_Entrypoint_StartsTheListenerAssembly()
    {
        var dockerfile = File.ReadAllText(RepoRoot.Combine("src", "Listener", "Dockerfile"));
        var project = Assert.Single(Directory.GetFiles(RepoRoot.Combine("src", "Listener"), "*.csproj"));
        Assert.Contains($"\"{Path.GetFileNameWithoutExtension(project)}.dll\"", dockerfile, StringComparison.Ordinal);
    }

    // The lines of one service under 'services:', up to the next service or top-level key.
    private static string ServiceBlock(string service)
    {
        var match = Regex.Match(AzureYaml, $@"^  {service}:\s*\n((?:    .*\n|\s*\n)+)", RegexOptions.Multiline);
        Assert.True(match.Success, $"azure.yaml has no service '{service}'");
        return match.Groups[1].Value;
    }
}
