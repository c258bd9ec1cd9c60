using KadoaBridge.CommandLine;

namespace KadoaBridge.KadoaSimulator.Tests;

/// <summary>The standalone simulator's command line (<c>dotnet run --project tools/KadoaSimulator -- …</c>).</summary>
public sealed class StandaloneCommandTests
{
    [Fact]
    public void Parse_NoArguments_DefaultsAsDocumented()
    {
        Assert.Equal(new StandaloneOptions(5380, 2, 3, 15, "sim-key", "team-sim"), Parse());
    }

    [Fact]
    public void Parse_EveryOption_SetsIt()
    {
        var options = Parse("--port", "0", "--rate", "0.5", "--workflows", "7", "--heartbeat-seconds", "2", "--api-key", "k", "--team", "t");

        Assert.Equal(new StandaloneOptions(0, 0.5, 7, 2, "k", "t"), options);
    }

    [Theory]
    [InlineData("--port", "65536", "--port must be a whole number from 0 to 65535 (got '65536')")]
    [InlineData("--rate", "-1", "--rate must be a number, 0 or more (got '-1')")]
    [InlineData("--rate", "NaN", "--rate must be a number, 0 or more (got 'NaN')")]
    [InlineData("--workflows", "0", "--workflows must be a whole number from 1 to 10000 (got '0')")]
    [InlineData("--heartbeat-seconds", "3601", "--heartbeat-seconds must be a whole number from 1 to 3600 (got '3601')")]
    [InlineData("--api-key", "", "--api-key needs a value that is not empty")]
    [InlineData("--team", "", "--team needs a value that is not empty")]
    [InlineData("--bogus", "1", "'--bogus'")]
    public void Parse_BadValue_ErrorNamesTheOption(string name, string value, string message)
    {
        var errors = new StandaloneCommand().Parse([name, value]).Errors;

        Assert.Contains(errors, e => e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invoke_BadValue_ExitsWithUsageErrorNamingTheOption()
    {
        using var error = new StringWriter();

        var exitCode = await CommandLineInvocation.InvokeAsync(new StandaloneCommand(), ["--workflows", "many"], TextWriter.Null, error);

        Assert.Equal(2, exitCode);
        Assert.Contains("--workflows must be a whole number from 1 to 10000 (got 'many')", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_Help_ListsTheOptionsAndExitsZero()
    {
        using var output = new StringWriter();

        var exitCode = await CommandLineInvocation.InvokeAsync(new StandaloneCommand(), ["-h"], output, TextWriter.Null);

        Assert.Equal(0, exitCode);
        Assert.All(
            ["--port", "--rate", "--workflows", "--heartbeat-seconds", "--api-key", "--team"],
            option => Assert.Contains(option, output.ToString(), StringComparison.Ordinal));
    }

    private static StandaloneOptions Parse(params string[] args)
    {
        var command = new StandaloneCommand();
        var parsed = command.Parse(args);
        Assert.Empty(parsed.Errors);
        return command.Read(parsed);
    }
}
