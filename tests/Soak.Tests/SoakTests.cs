using KadoaBridge.Bench.Soak;
using Xunit.Abstractions;

namespace KadoaBridge.Soak.Tests;

/// <summary>
/// One minute of the soak (bench/Bench soak): listener and Functions host as processes, Azurite restarted, every scheduled
/// fault injected. Nothing may be lost and every fault must really have happened; duplicates are printed, not asserted
/// (the crash windows allow them). The run stops every process it started, also when it fails or times out.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SoakTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Soak_OneMinuteUnderEveryFault_LosesNothingAndEveryFaultHappened()
    {
        // 20 changes/s with bursts of 150: modest on two shared cores. The quiet period outlasts the 45 s a killed
        // Functions host's messages stay invisible; the whole test stays near three minutes.
        var options = SoakOptions.Default with
        {
            Minutes = 1,
            Rate = 20,
            Burst = 150,
            QuietPeriod = TimeSpan.FromSeconds(60),
            MaxDrain = TimeSpan.FromSeconds(150),
        };
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        using var log = new StringWriter();
        SoakResult result;
        try
        {
            result = await SoakRun.RunAsync(options, log, bound.Token);
        }
        finally
        {
            output.WriteLine(log.ToString());
        }

        using var report = new StringWriter();
        SoakReport.Print(result, report);
        output.WriteLine(report.ToString());

        Assert.Equal(13, result.Faults.Count);
        Assert.All(result.Faults, fault => Assert.True(fault.Happened, $"{fault.Name} did not happen: {fault.Evidence}"));
        Assert.True(result.Emitted > options.Rate * 60, $"only {result.Emitted} changes were emitted");
        Assert.True(result.Lost.Count == 0, $"{result.Lost.Count} expected deliveries lost:\n{report}");
        Assert.Equal(0, result.ExitCode);
    }
}
