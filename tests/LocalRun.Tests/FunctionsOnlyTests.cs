namespace KadoaBridge.LocalRun.Tests;

/// <summary><c>--functions-only</c>: the Functions app alone, as the soak starts it.</summary>
public class FunctionsOnlyTests
{
    [Fact]
    public void Parse_FunctionsOnlyOptions_SetThem()
    {
        var options = LocalRunCommandTests.Parse("--functions-only", "--port-api", "0", "--redrive-interval", "3", "--queue-retry-delay=2", "--queue-run-visibility", "45");

        Assert.True(options.FunctionsOnly);
        Assert.Equal(0, options.ApiPort);
        Assert.Equal(TimeSpan.FromSeconds(3), options.RedriveInterval);
        Assert.Equal(TimeSpan.FromSeconds(2), options.QueueRetryDelay);
        Assert.Equal(TimeSpan.FromSeconds(45), options.QueueRunVisibility);
        options.Validate();
    }

    [Theory]
    [InlineData("--redrive-interval", "0")]
    [InlineData("--queue-retry-delay", "soon")]
    [InlineData("--queue-run-visibility", "3601")]
    public void Parse_BadSeconds_NamesTheOption(string option, string value)
    {
        var error = Assert.Single(new LocalRunCommand().Parse(["--functions-only", option, value]).Errors);

        Assert.Contains($"{option} must be a number above 0, at most 3600 (got '{value}')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RedriveIntervalWithoutFunctionsOnly_NamesBothOptions()
    {
        var options = new LocalRunOptions { RedriveInterval = TimeSpan.FromSeconds(3) };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("--redrive-interval", error.Message, StringComparison.Ordinal);
        Assert.Contains("--functions-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NoStorageConnectionString_RefusesNamingTheSetting()
    {
        var options = new LocalRunOptions { FunctionsOnly = true, ApiPort = 0, Output = TextWriter.Null };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => FunctionsOnlyRun.RunAsync(options, CancellationToken.None));

        Assert.Contains("Storage__ConnectionString", error.Message, StringComparison.Ordinal);
    }
}
