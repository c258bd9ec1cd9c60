using System.Text.RegularExpressions;

namespace KadoaBridge.Infra.Tests;

/// <summary>azure.yaml, its hooks and the listener's Dockerfile fit together.</summary>
public sealed class AzdProjectTests
{
    private static readonly string AzureYaml = File.ReadAllText(RepoRoot.Combine("azure.yaml"));
    private static readonly string Dockerfile = File.ReadAllText(RepoRoot.Combine("src", "Listener", "Dockerfile"));

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
        Assert.True(Regex.Count(Dockerfile, @"^FROM\s", RegexOptions.Multiline) >= 2, "expected a build stage and a runtime stage");
        Assert.Matches(new Regex(@"^USER\s+\$APP_UID\s*$", RegexOptions.Multiline), Dockerfile);
        Assert.Matches(new Regex(@"^EXPOSE\s+8080\s*$", RegexOptions.Multiline), Dockerfile);
    }

    [Fact]
    public void Dockerfile_Images_PinnedSdkAndChiseledRuntime()
    {
        var images = Regex.Matches(Dockerfile, @"^FROM\s+(\S+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        Assert.Matches(new Regex(@"^mcr\.microsoft\.com/dotnet/sdk:10\.0\.\d+(-\w+)?$"), images[0]);
        Assert.Matches(new Regex(@"^mcr\.microsoft\.com/dotnet/aspnet:10\.0[\w.-]*-chiseled$"), images[^1]);
    }

    [Fact]
    public void Dockerfile_Restore_CopiesOnlyProjectFilesBeforeRestoring()
    {
        var restore = Dockerfile.IndexOf("RUN dotnet restore", StringComparison.Ordinal);
        Assert.True(restore > 0, "no restore step");
        var beforeRestore = Regex.Matches(Dockerfile[..restore], @"^COPY\s+(.+?)\s+\S+$", RegexOptions.Multiline)
            .SelectMany(m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.All(beforeRestore, source => Assert.True(
            source.EndsWith(".csproj", StringComparison.Ordinal) || source.EndsWith(".props", StringComparison.Ordinal) || source == ".editorconfig",
            $"'{source}' is copied before the restore, so any change to it would invalidate the restore layer"));

        // Every project the listener references is restored from the cached layer.
        foreach (var project in new[] { "src/Core/KadoaBridge.Core.csproj", "src/EventPatterns/EventPatterns.csproj", "src/ServiceDefaults/KadoaBridge.ServiceDefaults.csproj", "src/Listener/KadoaBridge.Listener.csproj" })
        {
            Assert.Contains(project, beforeRestore);
        }
    }

    [Fact]
    public void Dockerfile_Publish_DoesNotFailOnANewerSdksAnalyzerWarnings()
    {
        var start = Dockerfile.IndexOf("RUN dotnet publish", StringComparison.Ordinal);
        Assert.True(start > 0, "no publish step");
        var publish = Dockerfile[start..].Split("\n\n")[0];
        Assert.Contains("-p:TreatWarningsAsErrors=false", publish, StringComparison.Ordinal);
        Assert.Contains("--no-restore", publish, StringComparison.Ordinal);
    }

    [Fact]
    public void Listener_Image_HasOneBuildRouteAndOnePortSetting()
    {
        var project = File.ReadAllText(RepoRoot.Combine("src", "Listener", "KadoaBridge.Listener.csproj"));
        Assert.DoesNotContain("<Container", project, StringComparison.Ordinal); // no SDK container publish beside the Dockerfile
        Assert.DoesNotContain("ASPNETCORE_URLS", Dockerfile, StringComparison.Ordinal); // the base image sets ASPNETCORE_HTTP_PORTS=8080
    }

    [Fact]
    public void Dockerfile_Entrypoint_StartsTheListenerAssembly()
    {
        var project = Assert.Single(Directory.GetFiles(RepoRoot.Combine("src", "Listener"), "*.csproj"));
        Assert.Contains($"\"{Path.GetFileNameWithoutExtension(project)}.dll\"", Dockerfile, StringComparison.Ordinal);
    }

    // The lines of one service under 'services:', up to the next service or top-level key.
    private static string ServiceBlock(string service)
    {
        var match = Regex.Match(AzureYaml, $@"^  {service}:\s*\n((?:    .*\n|\s*\n)+)", RegexOptions.Multiline);
        Assert.True(match.Success, $"azure.yaml has no service '{service}'");
        return match.Groups[1].Value;
    }
}
