using System.Text.Json;
using KadoaBridge.EventGridEmulator;

namespace KadoaBridge.LocalRun.Tests;

public class LocalRunArgumentsTests
{
    [Fact]
    public void TryParse_EveryOption_SetsIt()
    {
        var options = new LocalRunOptions();

        var ok = LocalRunArguments.TryParse(["--rate", "2.5", "--workflows=5", "--port-api", "0", "--port-listener", "6000", "--no-simulator-events", "--no-dashboard", "--verbose"], options, out var help, out var error);

        Assert.True(ok, error);
        Assert.False(help);
        Assert.Equal(2.5, options.Rate);
        Assert.Equal(5, options.Workflows);
        Assert.Equal(0, options.ApiPort);
        Assert.Equal(6000, options.ListenerPort);
        Assert.False(options.EmitSimulatorEvents);
        Assert.False(options.StartDashboard);
        Assert.True(options.Verbose);
    }

    [Fact]
    public void TryParse_Defaults_AsDocumented()
    {
        var options = new LocalRunOptions();

        Assert.True(LocalRunArguments.TryParse([], options, out _, out _));
        Assert.Equal((1.0, 3, 7071, 5080, true, true), (options.Rate, options.Workflows, options.ApiPort, options.ListenerPort, options.EmitSimulatorEvents, options.StartDashboard));
    }

    [Theory]
    [InlineData("--rate", "fast", "--rate")]
    [InlineData("--workflows", "0", "--workflows")]
    [InlineData("--port-api", "70000", "--port-api")]
    [InlineData("--bogus", null, "--bogus")]
    [InlineData("--rate", null, "--rate")]
    public void TryParse_BadOption_FailsNamingIt(string name, string? value, string named)
    {
        string[] args = value is null ? [name] : [name, value];

        Assert.False(LocalRunArguments.TryParse(args, new LocalRunOptions(), out _, out var error));
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--write-local-settings" }, LocalRunArguments.DefaultLocalSettingsPath)]
    [InlineData(new[] { "--write-local-settings", "x/local.settings.json", "--force" }, "x/local.settings.json")]
    [InlineData(new[] { "--write-local-settings=y.json" }, "y.json")]
    [InlineData(new[] { "--write-local-settings", "--no-dashboard" }, LocalRunArguments.DefaultLocalSettingsPath)]
    public void TryParse_WriteLocalSettings_ImpliesNoFunctions(string[] args, string path)
    {
        var options = new LocalRunOptions();

        Assert.True(LocalRunArguments.TryParse(args, options, out _, out var error), error);
        Assert.False(options.StartFunctions);
        Assert.Equal(path, options.LocalSettingsPath);
        Assert.Equal(args.Contains("--force"), options.OverwriteLocalSettings);
    }

    [Fact]
    public void TryParse_NoFunctions_StartsNoFunctionsAndWritesNothing()
    {
        var options = new LocalRunOptions();

        Assert.True(LocalRunArguments.TryParse(["--no-functions"], options, out _, out _));
        Assert.False(options.StartFunctions);
        Assert.Null(options.LocalSettingsPath);
    }

    [Theory]
    [InlineData(new[] { "--functions-only", "--no-functions" }, "--functions-only and --no-functions")]
    [InlineData(new[] { "--force" }, "--force applies only with --write-local-settings")]
    [InlineData(new[] { "--functions-only", "--write-local-settings" }, "--write-local-settings runs everything except the Functions app")]
    public void Validate_ContradictoryOptions_FailNamingThem(string[] args, string message)
    {
        var options = new LocalRunOptions();
        Assert.True(LocalRunArguments.TryParse(args, options, out _, out _));

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Help_AsksForHelp()
    {
        Assert.True(LocalRunArguments.TryParse(["--help"], new LocalRunOptions(), out var help, out _));
        Assert.True(help);
    }

    [Fact]
    public void EventLine_IngressAndDestination_OneLinePerHop()
    {
        using var document = JsonDocument.Parse("{}");
        var at = new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);
        var accepted = new AcceptedEvent("chg-1", "Kadoa.Workflow.DataChanged", "https://www.kadoa.com/workflow/wf-1", "workflows/wf-1/changes/chg-1", document.RootElement, 2, 0, at);
        var time = at.ToLocalTime().ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal($"{time} kadoa→ingress  Kadoa.Workflow.DataChanged chg-1 workflows/wf-1/changes/chg-1", EventLines.Format("ingress", accepted));
        Assert.Equal($"{time} ingest→changes Kadoa.Workflow.DataChanged chg-1 workflows/wf-1/changes/chg-1", EventLines.Format("changes", accepted));
    }
}
