using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace KadoaBridge.Bench.Soak;

/// <summary>
/// The changes: a steady rate with three bursts, each change's workflow (so its destinations) drawn from the seed. The
/// rate goes on past <see cref="SoakOptions.Minutes"/> while a fault is still running (restarts are slow on a busy machine).
/// </summary>
public sealed partial class SoakRun
{
    private static readonly double[] BurstsAt = [0.2, 0.5, 0.8];
    private int _sequence;

    /// <summary>
    /// One change of each routing group before the run: the run starts once each reached every topic its rules choose
    /// (at most 120 s), so the rules are live in ingest and the whole pipeline works before anything is broken.
    /// </summary>
    private async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        List<EmittedChange> probes = [];
        foreach (var workflow in new[] { 0, 3, 6 })
        {
            probes.Add(await EmitAsync(workflow, cancellationToken));
        }

        var arrived = await WaitUntilAsync(
            () => probes.All(p => p.Destinations.All(d => EventGrid.GetAcceptedIdCounts(d).ContainsKey(p.Id))),
            TimeSpan.FromSeconds(120),
            cancellationToken);
        if (!arrived)
        {
            throw new TimeoutException("The warm-up changes did not reach their topics within 120 s: the pipeline does not work before any fault (see the soak log).");
        }

        Note("warm-up: one change of each routing group arrived where its rules send it");
    }

    private async Task EmitChangesAsync(CancellationToken cancellationToken)
    {
        var random = new Random(_options.Seed);
        var start = Stopwatch.GetTimestamp();
        var steady = 0;
        var bursts = 0;
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (true)
        {
            // Changes keep coming until the last fault is over, so every fault hits a pipeline under load.
            var elapsed = Stopwatch.GetElapsedTime(start);
            if (elapsed >= _options.Duration && _faultsDone.Task.IsCompleted)
            {
                break;
            }

            var due = (int)(elapsed.TotalSeconds * _options.Rate);
            for (; steady < due; steady++)
            {
                await EmitAsync(random.Next(SoakRouting.Workflows), cancellationToken);
            }

            if (bursts < BurstsAt.Length && elapsed >= _options.Duration * BurstsAt[bursts])
            {
                Note($"burst of {_options.Burst}");
                for (var i = 0; i < _options.Burst; i++)
                {
                    await EmitAsync(random.Next(SoakRouting.Workflows), cancellationToken);
                }

                bursts++;
            }

            await tick.WaitForNextTickAsync(cancellationToken);
        }
    }

    private async Task<EmittedChange> EmitAsync(int workflow, CancellationToken cancellationToken)
    {
        var sequence = Interlocked.Increment(ref _sequence);
        var workflowId = SoakRouting.Workflow(workflow);
        var id = string.Create(CultureInfo.InvariantCulture, $"chg-soak-{_options.Seed}-{sequence:D7}");
        var now = DateTimeOffset.UtcNow;
        var change = new EmittedChange(id, workflowId, SoakRouting.DestinationsOf(workflow), now);
        _emitted.Enqueue(change);
        await Kadoa.EmitAsync("workflow_data_change", new JsonObject
        {
            ["id"] = id,
            ["workflowId"] = workflowId,
            ["url"] = $"https://shop.example/products/{sequence}",
            ["createdAt"] = now.ToString("O"),
            ["data"] = new JsonArray(
                new JsonObject { ["title"] = "Espresso machine", ["price"] = 199.99 + (sequence % 7) },
                new JsonObject { ["title"] = "Milk frother", ["price"] = 39.5 }),
            ["differences"] = new JsonArray(new JsonObject
            {
                ["type"] = "changed",
                ["fields"] = new JsonArray(new JsonObject { ["key"] = "price", ["value"] = 199.99 + (sequence % 7), ["previousValue"] = 209.99 }),
            }),
        }, cancellationToken: cancellationToken);
        return change;
    }
}
