using KadoaBridge.CommandLine;

namespace KadoaBridge.EventGridEmulator.Tests;

public sealed class UnitTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(5, 16)]
    [InlineData(6, 30)]
    [InlineData(7, 30)]
    [InlineData(30, 30)]
    public void DelayAfter_FailedAttempt_DoublesCappedAt30Times(int failedAttempt, int factor)
    {
        Assert.Equal(TimeSpan.FromSeconds(10 * factor), RetrySchedule.DelayAfter(failedAttempt, TimeSpan.FromSeconds(10)));
    }

    [Theory]
    [InlineData("2024-05-01T12:00:00Z", true)]
    [InlineData("2024-05-01t12:00:00z", true)]
    [InlineData("2024-05-01T12:00:00.1234567891+02:00", true)]
    [InlineData("2024-02-29T23:59:60-05:30", true)]
    [InlineData("2023-02-29T12:00:00Z", false)]
    [InlineData("2024-05-01 12:00:00Z", false)]
    [InlineData("2024-05-01T12:00:00", false)]
    [InlineData("2024-05-01T24:00:00Z", false)]
    [InlineData("2024-05-01T12:00:00+24:00", false)]
    [InlineData("05/01/2024 12:00", false)]
    public void IsRfc3339_Timestamp_MatchesSpec(string text, bool expected)
    {
        Assert.Equal(expected, CloudEventValidator.IsRfc3339(text));
    }

    [Fact]
    public void Parse_AllOptions_Parsed()
    {
        var parsed = Parse(
            "--port", "0", "--topic", "ingress", "--topic", "changes", "--key", "k",
            "--queue-subscription", "ingress=UseDevelopmentStorage=true;X=y|ingress-queue",
            "--webhook-subscription", "changes=http://127.0.0.1:7000/hook?a=b", "--quiet");

        Assert.Equal(0, parsed.Port);
        Assert.Equal(["ingress", "changes"], parsed.Topics);
        var (topic, queue) = Assert.Single(parsed.QueueSubscriptions);
        Assert.Equal("ingress", topic);
        Assert.Equal("UseDevelopmentStorage=true;X=y", queue.ConnectionString);
        Assert.Equal("ingress-queue", queue.QueueName);
        Assert.Equal(new Uri("http://127.0.0.1:7000/hook?a=b"), Assert.Single(parsed.WebhookSubscriptions).Destination.Endpoint);
        Assert.True(parsed.Quiet);
        Assert.All(parsed.ToOptions().Topics, t => Assert.Equal("k", t.Key));
    }

    [Fact]
    public void Parse_NoArguments_DefaultsToIngressOnPort5390()
    {
        var parsed = Parse();

        Assert.Equal(5390, parsed.Port);
        Assert.Equal(["ingress"], parsed.Topics);
        Assert.Equal("emulator-key", parsed.Key);
        Assert.Equal((0, 0, false), (parsed.QueueSubscriptions.Count, parsed.WebhookSubscriptions.Count, parsed.Quiet));
    }

    [Theory]
    [InlineData("--port", "x", "--port must be a whole number from 0 to 65535 (got 'x')")]
    [InlineData("--port", "65536", "--port must be a whole number from 0 to 65535 (got '65536')")]
    [InlineData("--queue-subscription", "ingress=conn", "--queue-subscription needs TOPIC=CONNECTION_STRING|QUEUE_NAME")]
    [InlineData("--queue-subscription", "other=UseDevelopmentStorage=true|q", "topic 'other', which is not served; add --topic other")]
    [InlineData("--webhook-subscription", "ingress=not a url", "--webhook-subscription needs TOPIC=URL")]
    [InlineData("--bogus", "1", "'--bogus'")]
    public void Parse_BadArguments_ErrorNamesTheOption(string name, string value, string message)
    {
        var errors = new StandaloneCommand().Parse([name, value]).Errors;

        Assert.Contains(errors, e => e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invoke_BadValue_ExitsWithUsageErrorNamingTheOption()
    {
        using var error = new StringWriter();

        var exitCode = await CommandLineInvocation.InvokeAsync(new StandaloneCommand(), ["--port", "-1"], TextWriter.Null, error);

        Assert.Equal(2, exitCode);
        Assert.Contains("--port must be a whole number from 0 to 65535 (got '-1')", error.ToString(), StringComparison.Ordinal);
    }

    private static StandaloneOptions Parse(params string[] args)
    {
        var command = new StandaloneCommand();
        var parsed = command.Parse(args);
        Assert.Empty(parsed.Errors);
        return command.Read(parsed);
    }

    [Fact]
    public void FaultSpec_CamelCaseAndPositionalConstructors_Agree()
    {
        Assert.Equal(new FaultSpec(503, Count: 20), new FaultSpec(503, count: 20));
        Assert.Equal(new FaultSpec(503, Duration: TimeSpan.FromSeconds(1)), new FaultSpec(503, duration: TimeSpan.FromSeconds(1)));
        Assert.Equal(new FaultSpec(429, 1, null, null, TimeSpan.FromSeconds(2)), new FaultSpec(429, count: 1, retryAfter: TimeSpan.FromSeconds(2)));
    }
}
