using System.Text.Json;
using KadoaBridge.CommandLine;
using KadoaBridge.EventGridEmulator;

namespace KadoaBridge.LocalRun.Tests;

public class LocalRunCommandTests
{
    [Fact]
    public void Parse_EveryOption_SetsIt()
    {
        var options = Parse("--rate", "2.5", "--workflows=5", "--port-api", "0", "--port-listener", "6000", "--no-simulator-events", "--no-dashboard", "--verbose");

        Assert.Equal(2.5, options.Rate);
        Assert.Equal(5, options.Workflows);
        Assert.Equal(0, options.ApiPort);
        Assert.Equal(6000, options.ListenerPort);
        Assert.False(options.EmitSimulatorEvents);
        Assert.False(options.StartDashboard);
        Assert.True(options.Verbose);
    }

    [Fact]
    public void Parse_Defaults_AsDocumented()
    {
        var options = Parse();

        Assert.Equal((1.0, 3, 7071, 5080, true, true), (options.Rate, options.Workflows, options.ApiPort, options.ListenerPort, options.EmitSimulatorEvents, options.StartDashboard));
        Assert.Equal((true, false, false, null), (options.StartFunctions, options.FunctionsOnly, options.Verbose, options.LocalSettingsPath));
    }

    [Theory]
    [InlineData("--rate", "fast", "--rate must be a number, 0 or more (got 'fast')")]
    [InlineData("--workflows", "0", "--workflows must be a whole number from 1 to 10000 (got '0')")]
    [InlineData("--port-api", "70000", "--port-api must be a whole number from 0 to 65535 (got '70000')")]
    [InlineData("--bogus", null, "'--bogus'")]
    [InlineData("--rate", null, "'--rate'")]
    [InlineData("--write-local-settings", "", "--write-local-settings needs a file path")]
    public void Parse_BadOption_FailsNamingIt(string name, string? value, string message)
    {
        string[] args = value is null ? [name] : [name, value];

        var error = Assert.Single(new LocalRunCommand().Parse(args).Errors);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_BadValue_ExitsWithUsageErrorNamingTheOption()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await CommandLineInvocation.InvokeAsync(new LocalRunCommand(), ["--port-listener", "x"], output, error);

        Assert.Equal(2, exitCode);
        Assert.Contains("--port-listener must be a whole number from 0 to 65535 (got 'x')", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("--port-listener <port>", output.ToString(), StringComparison.Ordinal); // the help follows the error
    }

    [Theory]
    [InlineData(new[] { "--write-local-settings" }, LocalRunCommand.DefaultLocalSettingsPath)]
    [InlineData(new[] { "--write-local-settings", "x/local.settings.json", "--force" }, "x/local.settings.json")]
    [InlineData(new[] { "--write-local-settings=y.json" }, "y.json")]
    [InlineData(new[] { "--write-local-settings", "--no-dashboard" }, LocalRunCommand.DefaultLocalSettingsPath)]
    public void Parse_WriteLocalSettings_ImpliesNoFunctions(string[] args, string path)
    {
        var options = Parse(args);

        Assert.False(options.StartFunctions);
        Assert.Equal(path, options.LocalSettingsPath);
        Assert.Equal(args.Contains("--force"), options.OverwriteLocalSettings);
    }

    [Fact]
    public void Parse_NoFunctions_StartsNoFunctionsAndWritesNothing()
    {
        var options = Parse("--no-functions");

        Assert.False(options.StartFunctions);
        Assert.Null(options.LocalSettingsPath);
    }

    [Theory]
    [InlineData(new[] { "--functions-only", "--no-functions" }, "--functions-only and --no-functions")]
    [InlineData(new[] { "--force" }, "--force applies only with --write-local-settings")]
    [InlineData(new[] { "--functions-only", "--write-local-settings" }, "--write-local-settings runs everything except the Functions app")]
    public void Validate_ContradictoryOptions_FailNamingThem(string[] args, string message)
    {
        var options = Parse(args);

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_Help_PrintsEveryOptionAndExitsZero()
    {
        using var output = new StringWriter();

        var exitCode = await CommandLineInvocation.InvokeAsync(new LocalRunCommand(), ["--help"], output, TextWriter.Null);

        Assert.Equal(0, exitCode);
        Assert.All(
            ["--rate", "--workflows", "--no-simulator-events", "--port-api", "--port-listener", "--no-dashboard", "--verbose", "--no-functions",
             "--write-local-settings <path>", "--force", "--functions-only", "--redrive-interval", "--queue-retry-delay", "--queue-run-visibility", "Kadoa__ApiKey"],
            option => Assert.Contains(option, output.ToString(), StringComparison.Ordinal));
    }

    /// <summary>Parses <paramref name="args"/> as <c>tools/LocalRun</c> does, failing on any parse error.</summary>
    internal static LocalRunOptions Parse(params string[] args)
    {
        var command = new LocalRunCommand();
        var parsed = command.Parse(args);
        Assert.Empty(parsed.Errors);
        return command.ApplyTo(parsed, new LocalRunOptions());
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
