using System.Diagnostics;
using System.Runtime;
using System.Text;
using Azure.Data.Tables;
using KadoaBridge.Azurite;
using KadoaBridge.Core;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Storage;
using KadoaBridge.EventGridEmulator;
using KadoaBridge.Functions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Emulator = KadoaBridge.EventGridEmulator.EventGridEmulator;

namespace KadoaBridge.Bench.Ingest;

/// <summary>
/// The ingest path in-process (the Functions app's own composition) against Azurite and the Event Grid emulator:
/// N distinct events through deduplicate → route → deliver → store with the queue trigger's concurrency, then the
/// same N again (all duplicates) on the same instance and on another one that shares only storage. Reports events/s per
/// instance. A warm-up of its own events runs first (at most the given count). The CPU column is this process's (the
/// bridge and the in-process Event Grid emulator; Azurite runs in its own). Right after the new events, Azurite's own
/// ceiling for the same entity writes is measured (<see cref="AzuriteCeiling"/>), and ingest's events/s is printed as a
/// fraction of it: on this machine Azurite is the limit, so the fraction says how close ingest gets to it.
/// </summary>
public static class IngestBenchmark
{
    private const int WarmUpRound = 1_000;

    /// <summary>Issue #13 item 4: new events/s as a fraction of Azurite's ceiling for the same writes.</summary>
    private const double CeilingGoal = 0.6;

    public static async Task<int> RunAsync(int events, int concurrency, int warmUp)
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        var topics = new EventGridEmulatorOptions();
        topics.Topics.Add(new TopicOptions { Name = "changes", Key = "bench-key" });
        await using var eventGrid = await Emulator.StartAsync(topics);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kadoa:ApiKey"] = "unused",
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Routing:Destinations:changes:Endpoint"] = eventGrid.GetTopicEndpoint("changes").AbsoluteUri,
            ["Routing:Destinations:changes:Key"] = "bench-key",
            ["Routing:DefaultDestination"] = "changes",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        await using var provider = builder.AddBridgeFunctions().Services.BuildServiceProvider();
        await provider.GetRequiredService<StorageBootstrap>().EnsureCreatedAsync(CancellationToken.None);
        var ingest = provider.GetRequiredService<IngestService>();

        var messages = Enumerable.Range(0, warmUp + events).Select(i => Encoding.UTF8.GetBytes(Event(i))).ToArray();
        var otherMemory = new RecentIds(IngestService.RecentlyDoneCapacity); // another instance: it has seen none of the measured ids
        var another = ActivatorUtilities.CreateInstance<IngestService>(provider, otherMemory);

        // Warm-up: every path, in rounds of fresh events, until the JIT is quiet (a round compiles for under 20 ms), so the
        // measured code runs at tier 1 as in an instance that has been up for a while.
        var warmed = 0;
        for (var round = 0; warmed < warmUp; round++)
        {
            var jit = JitInfo.GetCompilationTime();
            var batch = messages[warmed..Math.Min(warmUp, warmed + WarmUpRound)];
            await RunPhaseAsync("warm-up", ingest, batch, concurrency);
            await RunPhaseAsync("warm-up", ingest, batch, concurrency);
            await RunPhaseAsync("warm-up", another, batch, concurrency);
            warmed += batch.Length;
            if (round > 0 && JitInfo.GetCompilationTime() - jit < TimeSpan.FromMilliseconds(20))
            {
                break;
            }
        }

        Console.WriteLine(FormattableString.Invariant($"warm-up: {warmed:N0} events; JIT {JitInfo.GetCompiledMethodCount():N0} methods in {JitInfo.GetCompilationTime().TotalSeconds:N1} s"));
        messages = messages[warmed..(warmed + events)];
        Console.WriteLine("| phase | events | concurrency | events/s | p50 ms | p99 ms | bridge CPU µs/event |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        var newEvents = await RunPhaseAsync("new events", ingest, messages, concurrency);
        var ceiling = await AzuriteCeiling.MeasureAsync(provider.GetRequiredService<TableServiceClient>(), messages, CancellationToken.None);
        await RunPhaseAsync("duplicates, same instance (ids in memory)", ingest, messages, concurrency);
        await RunPhaseAsync("duplicates, another instance (durable dedupe)", another, messages, concurrency);
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant(
            $"Azurite's ceiling for the same writes (3 entities per event in transactions of 100, one partition each, no reads), same run: {ceiling:N0} events/s"));
        Console.WriteLine(FormattableString.Invariant(
            $"ratio: new events/s ÷ Azurite's ceiling = {newEvents:N0} / {ceiling:N0} = {newEvents / ceiling:N2} (goal ≥ {CeilingGoal:N1}: {(newEvents / ceiling >= CeilingGoal ? "met" : "NOT met")})"));
        return 0;
    }

    /// <summary>Runs the messages through ingest; returns events/s.</summary>
    private static async Task<double> RunPhaseAsync(string phase, IngestService ingest, byte[][] messages, int concurrency)
    {
        var latencies = new double[messages.Length];
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, messages.Length), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
        {
            var start = Stopwatch.GetTimestamp();
            await ingest.IngestAsync(messages[i], ct);
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        });
        clock.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var eventsPerSecond = messages.Length / clock.Elapsed.TotalSeconds;
        if (phase == "warm-up")
        {
            return eventsPerSecond;
        }

        Array.Sort(latencies);
        Console.WriteLine(FormattableString.Invariant(
            $"| {phase} | {messages.Length} | {concurrency} | {eventsPerSecond:N0} | {latencies[latencies.Length / 2]:N1} | {latencies[(int)(latencies.Length * 0.99)]:N1} | {cpu.TotalMicroseconds / messages.Length:N0} |"));
        return eventsPerSecond;
    }

    private static string Event(int i)
    {
        var id = $"chg-bench-{i:D7}-{Guid.NewGuid():N}";
        var workflow = $"wf-{i % 50}";
        return $$$"""
            {"specversion":"1.0","id":"{{{id}}}","source":"https://www.kadoa.com/workflow/{{{workflow}}}","type":"Kadoa.Workflow.DataChanged","subject":"workflows/{{{workflow}}}/changes/{{{id}}}","time":"{{{DateTimeOffset.UtcNow.AddMilliseconds(-i).UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}}}","datacontenttype":"application/json","kadoateamid":"team","kadoaworkflowid":"{{{workflow}}}","data":{"changeId":"{{{id}}}","workflowId":"{{{workflow}}}","url":"https://shop.example/p/{{{i}}}","differences":[{"type":"changed","fields":[{"key":"price","value":{{{i % 100}}},"previousValue":99}]}],"diffTypes":["changed"],"changedKeys":["price"],"snapshot":[{"title":"Espresso machine","price":{{{i % 100}}}}]} }
            """;
    }
}
