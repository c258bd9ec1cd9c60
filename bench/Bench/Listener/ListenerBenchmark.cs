using System.Diagnostics;
using System.Text.Json.Nodes;
using KadoaBridge.Azurite;
using KadoaBridge.EventGridEmulator;
using KadoaBridge.KadoaSimulator;

namespace KadoaBridge.Bench.Listener;

/// <summary>
/// End to end: the Kadoa simulator sends, the listener (its own process) forwards, the Event Grid emulator accepts,
/// Azurite keeps checkpoints and claim-checks. Latency is simulator send → emulator accept (one clock: both are in
/// this process). Not BenchmarkDotNet: this measures a running system, not a method.
/// </summary>
public static class ListenerBenchmark
{
    private const string Topic = "ingress";
    private static readonly TimeSpan PhaseTimeout = TimeSpan.FromMinutes(5);

    public static async Task<int> RunAsync(ListenerBenchmarkOptions options)
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var kadoa = await KadoaSimulator.KadoaSimulator.StartAsync(new KadoaSimulatorOptions());
        var topics = new EventGridEmulatorOptions();
        topics.Topics.Add(new TopicOptions { Name = Topic, Key = "bench-key" });
        await using var eventGrid = await EventGridEmulator.EventGridEmulator.StartAsync(topics);
        await using var listener = ListenerProcess.Start(new Dictionary<string, string>
        {
            ["Kadoa__ApiKey"] = "sim-key",
            ["Kadoa__ApiBaseUrl"] = kadoa.ApiBaseUrl.AbsoluteUri,
            ["Kadoa__RealtimeUrl"] = kadoa.RealtimeUrl.AbsoluteUri,
            ["Kadoa__RealtimeHttpUrl"] = kadoa.RealtimeHttpUrl.AbsoluteUri,
            ["Storage__ConnectionString"] = azurite.ConnectionString,
            ["EventGrid__TopicEndpoint"] = eventGrid.GetTopicEndpoint(Topic).AbsoluteUri,
            ["EventGrid__TopicKey"] = "bench-key",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Logging__LogLevel__Default"] = "Warning",
        });
        await kadoa.WaitForSubscribersAsync(1, TimeSpan.FromSeconds(60));

        Console.WriteLine("| phase | events | events/s | p50 ms | p99 ms | max ms | listener memory at start MiB | peak listener memory MiB |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        await WarmUpAsync(kadoa, eventGrid);
        listener.ResetPeak();
        await MeasureAsync($"{options.SnapshotBytes / 1024 / 1024} MB snapshots", kadoa, eventGrid, listener, options.Snapshots, async () =>
        {
            for (var i = 0; i < options.Snapshots; i++)
            {
                await kadoa.EmitDataChangeOfSizeAsync($"wf-big-{i % 4}", options.SnapshotBytes);
            }
        });
        listener.ResetPeak();
        await MeasureAsync("burst (small changes)", kadoa, eventGrid, listener, options.BurstEvents,
            () => kadoa.EmitBurstAsync(options.BurstEvents, SmallChange));
        listener.ResetPeak();
        await MeasureAsync($"steady {options.RateEventsPerSecond}/s", kadoa, eventGrid, listener, options.RateEvents,
            () => kadoa.EmitAtRateAsync(options.RateEventsPerSecond, options.RateEvents, SmallChange));
        return 0;
    }

    private static async Task WarmUpAsync(KadoaSimulator.KadoaSimulator kadoa, EventGridEmulator.EventGridEmulator eventGrid)
    {
        var before = eventGrid.GetAccepted(Topic).Count;
        await kadoa.EmitBurstAsync(2_000, SmallChange);
        await eventGrid.WaitForAcceptedAsync(Topic, before + 2_000, PhaseTimeout);
    }

    private static async Task MeasureAsync(
        string phase, KadoaSimulator.KadoaSimulator kadoa, EventGridEmulator.EventGridEmulator eventGrid, ListenerProcess listener, int count, Func<Task> emit)
    {
        if (count == 0)
        {
            return; // phase skipped (--events 0, --rate-events 0 or --snapshots 0)
        }

        var startMemory = listener.MemoryMiB;
        var acceptedBefore = eventGrid.GetAccepted(Topic).Count;
        var logBefore = kadoa.Log.Count;
        var clock = Stopwatch.StartNew();
        await emit();
        await eventGrid.WaitForAcceptedAsync(Topic, acceptedBefore + count, PhaseTimeout);
        clock.Stop();

        var sent = kadoa.Log.Skip(logBefore).ToDictionary(e => e.ChangeId ?? e.DeliveryId, e => e.SentTimestamp, StringComparer.Ordinal);
        var latencies = eventGrid.GetAccepted(Topic).Skip(acceptedBefore)
            .Where(a => sent.ContainsKey(a.Id) && sent[a.Id] != 0)
            .Select(a => Stopwatch.GetElapsedTime(sent[a.Id], a.AcceptedTimestamp).TotalMilliseconds)
            .Order()
            .ToArray();
        var first = eventGrid.GetAccepted(Topic)[acceptedBefore];
        var last = eventGrid.GetAccepted(Topic)[^1];
        var firstSent = sent.Values.Where(v => v != 0).DefaultIfEmpty(first.AcceptedTimestamp).Min();
        var seconds = Stopwatch.GetElapsedTime(firstSent, last.AcceptedTimestamp).TotalSeconds;
        Console.WriteLine(FormattableString.Invariant(
            $"| {phase} | {count} | {count / seconds:N0} | {Percentile(latencies, 0.50):N1} | {Percentile(latencies, 0.99):N1} | {latencies.LastOrDefault():N1} | {startMemory:N0} | {listener.PeakMemoryMiB:N0} |"));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static (string Type, JsonNode? Payload) SmallChange(int i) => ("workflow_data_change", new JsonObject
    {
        ["id"] = $"chg-bench-{Guid.NewGuid():N}",
        ["workflowId"] = $"wf-{i % 50}",
        ["url"] = $"https://shop.example/products/{i}",
        ["createdAt"] = DateTimeOffset.UtcNow.ToString("O"),
        ["data"] = new JsonArray(
            new JsonObject { ["title"] = "Espresso machine", ["price"] = 199.99 + (i % 7) },
            new JsonObject { ["title"] = "Milk frother", ["price"] = 39.5 }),
        ["differences"] = new JsonArray(new JsonObject
        {
            ["type"] = "changed",
            ["fields"] = new JsonArray(new JsonObject { ["key"] = "price", ["value"] = 199.99 + (i % 7), ["previousValue"] = 209.99 }),
        }),
    });
}
