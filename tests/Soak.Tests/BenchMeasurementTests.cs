using System.Diagnostics;
using System.Text;
using System.Text.Json;
using KadoaBridge.Bench;
using KadoaBridge.Bench.EndToEnd;
using KadoaBridge.Bench.Listener;
using KadoaBridge.Bench.Measurement;
using KadoaBridge.Bench.Relay;
using KadoaBridge.Bench.Soak;

namespace KadoaBridge.Soak.Tests;

/// <summary>The pure parts of the latency benchmarks: the relay's frame reading, the latency join, the options. No processes, no timing.</summary>
public sealed class BenchMeasurementTests
{
    [Theory]
    [InlineData("""{"type":"heartbeat","timestamp":1}""")]
    [InlineData("""{"type":"control.draining","timestamp":1,"retryAfterMs":100}""")]
    [InlineData("""[1,2]""")]
    public void RelayFrameRead_NotAnEvent_ReturnsNull(string frame) =>
        Assert.Null(RelayFrame.Read(Encoding.UTF8.GetBytes(frame)));

    [Fact]
    public void RelayFrameRead_DataChange_CloudEventCarriesChangeIdAndPayload()
    {
        var frame = RelayFrame.Read("""{"type":"workflow_data_change","timestamp":1,"id":"dlv-1","_cursor":"cur-1","data":{"id":"chg-1","workflowId":"wf 1","data":[{"a":1}]}}"""u8)!;

        using var cloudEvent = JsonDocument.Parse(frame.CloudEvent);
        Assert.Equal("chg-1", cloudEvent.RootElement.GetProperty("id").GetString());
        Assert.Equal("https://www.kadoa.com/workflow/wf%201", cloudEvent.RootElement.GetProperty("source").GetString());
        Assert.Equal("workflow_data_change", cloudEvent.RootElement.GetProperty("type").GetString());
        Assert.Equal(1, cloudEvent.RootElement.GetProperty("data").GetProperty("data")[0].GetProperty("a").GetInt32());
        Assert.Equal(("dlv-1", "cur-1"), (frame.DeliveryId, frame.Cursor));
    }

    [Fact]
    public void RelayFrameRead_TooLargeForEventGrid_DropsTheSnapshot()
    {
        var rows = string.Join(',', Enumerable.Repeat("""{"title":"0123456789012345678901234567890123456789"}""", 30_000));
        var frame = RelayFrame.Read(Encoding.UTF8.GetBytes($$$"""{"type":"workflow_data_change","timestamp":1,"message":{"id":"chg-2","data":[{{{rows}}}]}}"""))!;

        using var cloudEvent = JsonDocument.Parse(frame.CloudEvent);
        var data = cloudEvent.RootElement.GetProperty("data");
        Assert.True(frame.CloudEvent.Length <= RelayFrame.MaxEventBytes);
        Assert.False(data.TryGetProperty("data", out _));
        Assert.True(data.GetProperty("snapshotOmitted").GetBoolean());
    }

    [Fact]
    public void LatencySampleJoin_RepeatsAndUnknownIds_CountOnceAndAreLeftOut()
    {
        var ms = Stopwatch.Frequency / 1000;
        var sent = new Dictionary<string, long> { ["a"] = 0, ["b"] = 10 * ms };
        var accepted = new List<(string, long)> { ("a", 5 * ms), ("b", 40 * ms), ("a", 90 * ms), ("unknown", 1) };

        var sample = LatencySample.Join(sent, accepted);

        Assert.Equal(2, sample.Count);
        Assert.Equal(5, sample.Percentile(0.5), precision: 3);
        Assert.Equal(30, sample.MaxMilliseconds, precision: 3);
        Assert.Equal(50, sample.EventsPerSecond(2), precision: 3); // 2 events from the first send (0) to the last acceptance (40 ms)
    }

    [Fact]
    public void ListenerCommand_Rate_ReplacesTheSteadyPhases()
    {
        var command = new ListenerCommand();
        var parsed = command.Parse(["--rate", "300", "--rate-seconds", "2", "--events", "0"]);
        Assert.Empty(parsed.Errors);

        var phases = command.Read(parsed).ToPhases();

        Assert.Equal(new[] { "snapshots", "steady300" }, phases.Select(p => p.Key));
        Assert.Equal(600, phases[1].Count);
    }

    [Fact]
    public void ListenerCommand_NoOptions_TheFiguresArrangement()
    {
        var command = new ListenerCommand();

        Assert.Equivalent(ListenerBenchmarkOptions.Defaults, command.Read(command.Parse([])), strict: true);
    }

    [Fact]
    public void EndToEndCommand_NoOptions_TheFiguresArrangement_WarmUpOptionsRead()
    {
        var command = new EndToEndCommand();

        Assert.Equivalent(EndToEndOptions.Defaults, command.Read(command.Parse([])), strict: true);
        var read = command.Read(command.Parse(["--warm-up", "0", "--warm-up-rate", "100", "--warm-up-seconds", "0", "--rate", "300"]));
        Assert.Equal((0, 100, 0, 300), (read.WarmUpEvents, read.WarmUpRate, read.WarmUpSeconds, read.Rate));
    }

    [Fact]
    public void ListenerCommand_UnknownPhase_ErrorNamesPhases()
    {
        var error = Assert.Single(new ListenerCommand().Parse(["--phases", "burst,steady"]).Errors);

        Assert.Contains("--phases: unknown phase 'steady'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("listener --rate 0", "--rate must be a whole number of at least 1 (got '0')")]
    [InlineData("listener --events many", "'--events'")]
    [InlineData("listener --bogus", "'--bogus'")]
    [InlineData("listener --warm-up-rate 0", "--warm-up-rate must be a whole number of at least 1 (got '0')")]
    [InlineData("e2e --idle-interval 0", "--idle-interval must be a number above 0 (got '0')")]
    [InlineData("e2e --warm-up-seconds -1", "--warm-up-seconds must be a whole number of at least 0 (got '-1')")]
    [InlineData("e2e --phases idle,burst", "--phases: unknown phase 'burst': idle or steady")]
    [InlineData("ingest 100 none", "ingest's <concurrency> must be a whole number of at least 1 (got 'none')")]
    [InlineData("fuzz --seed -1", "'--seed'")]
    [InlineData("soak --minutes 0.1", "--minutes must be a number of at least 0.5 (got '0.1')")]
    [InlineData("side eventgrid --topic ingress --queue ingress", "--queue needs TOPIC=QUEUE (got 'ingress')")]
    [InlineData("side", "Required command was not provided")]
    public void BenchCommand_BadValue_ErrorNamesIt(string commandLine, string message)
    {
        var errors = new BenchCommand().Parse(commandLine).Errors;

        Assert.Contains(errors, e => e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void BenchCommand_NotACommand_GoesToBenchmarkDotNet()
    {
        var parsed = new BenchCommand().Parse(["--filter", "*RouteTable*", "--job", "short"]);

        Assert.Empty(parsed.Errors);
        Assert.IsType<BenchCommand>(parsed.CommandResult.Command);
        Assert.Equal(["--filter", "*RouteTable*", "--job", "short"], parsed.GetRequiredValue<string[]>("benchmarkdotnet-arguments"));
    }

    [Fact]
    public void BenchCommand_SideEventGrid_ReadsWhatEventGridProcessPasses()
    {
        var parsed = new BenchCommand().Parse(["side", "eventgrid", "--topic", "ingress", "--topic", "changes", "--queue", "ingress=ingress"]);

        Assert.Empty(parsed.Errors);
        Assert.Equal(["ingress", "changes"], parsed.GetRequiredValue<List<string>>("--topic"));
        Assert.Equal([("ingress", "ingress")], parsed.GetRequiredValue<List<(string, string)>>("--queue"));
    }

    [Fact]
    public void SoakCommand_Options_ReadOverTheDefaults()
    {
        var command = new SoakCommand();

        Assert.Equal(SoakOptions.Default, command.Read(command.Parse([])));
        Assert.Equal(
            SoakOptions.Default with { Minutes = 1.5, Rate = 20, Burst = 0, Seed = 7, QuietPeriod = TimeSpan.FromSeconds(45), MaxDrain = TimeSpan.FromSeconds(90) },
            command.Read(command.Parse(["--minutes", "1.5", "--rate", "20", "--burst", "0", "--seed", "7", "--quiet-seconds", "45", "--max-drain-seconds", "90"])));
    }
}
