using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using KadoaBridge.KadoaSimulator;
using Simulator = KadoaBridge.KadoaSimulator.KadoaSimulator;

namespace KadoaBridge.Bench.Sides;

/// <summary>
/// <c>side kadoa</c>: the Kadoa simulator alone in this process. Commands (one answer line each):
/// <c>burst N</c>, <c>rate PER_SECOND N</c> (answers when the last is emitted; fractional rates allowed),
/// <c>snapshots N BYTES</c>, <c>count</c> (events emitted so far), <c>subscribers N TIMEOUT_S</c> (at least N
/// subscribed sockets), <c>unsubscribed TIMEOUT_S</c> (none any more),
/// <c>dump FROM FILE</c> (writes <c>id\tsentTimestamp</c> per event from index FROM: the change id, else the delivery
/// id, and <see cref="SimulatedEvent.SentTimestamp"/>, 0 when never written to a socket).
/// </summary>
internal static class KadoaSide
{
    public static async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var kadoa = await Simulator.StartAsync(new KadoaSimulatorOptions(), cancellationToken);
        var ready = new JsonObject
        {
            ["apiBaseUrl"] = kadoa.ApiBaseUrl.AbsoluteUri,
            ["realtimeUrl"] = kadoa.RealtimeUrl.AbsoluteUri,
            ["realtimeHttpUrl"] = kadoa.RealtimeHttpUrl.AbsoluteUri,
            ["apiKey"] = kadoa.ApiKeyAccepted,
            ["teamId"] = kadoa.TeamId,
        };
        await SideHost.ServeAsync(ready, (command, token) => HandleAsync(kadoa, command, token), cancellationToken);
    }

    private static async Task<string> HandleAsync(Simulator kadoa, string[] command, CancellationToken cancellationToken)
    {
        switch (command[0])
        {
            case "burst":
                await kadoa.EmitBurstAsync(Int(command[1]), BenchChanges.Small, cancellationToken);
                return command[1];
            case "rate":
                await EmitPacedAsync(kadoa, double.Parse(command[1], CultureInfo.InvariantCulture), Int(command[2]), cancellationToken);
                return command[2];
            case "snapshots":
                for (var i = 0; i < Int(command[1]); i++)
                {
                    await kadoa.EmitDataChangeOfSizeAsync($"wf-big-{i % 4}", Int(command[2]), cancellationToken: cancellationToken);
                }

                return command[1];
            case "count":
                return Text(kadoa.Log.Count);
            case "subscribers":
                await kadoa.WaitForSubscribersAsync(Int(command[1]), TimeSpan.FromSeconds(Int(command[2])), cancellationToken);
                return Text(kadoa.SubscribedSockets);
            case "unsubscribed":
                await kadoa.WaitUntilAsync(() => kadoa.SubscribedSockets == 0, TimeSpan.FromSeconds(Int(command[1])), () => $"{kadoa.SubscribedSockets} socket(s) still subscribed.", cancellationToken);
                return "0";
            case "dump":
                return Text(await DumpAsync(kadoa.Log, Int(command[1]), command[2], cancellationToken));
            default:
                throw new ArgumentException($"Unknown command '{command[0]}'.");
        }
    }

    /// <summary>Event i is due i/rate seconds after the start; the events due are emitted together, so high rates cost no timer per event.</summary>
    private static async Task EmitPacedAsync(Simulator kadoa, double perSecond, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        var start = Stopwatch.GetTimestamp();
        var emitted = 0;
        while (emitted < count)
        {
            var due = Stopwatch.GetElapsedTime(start).TotalSeconds * perSecond;
            for (; emitted < count && emitted <= due; emitted++)
            {
                var (type, payload) = BenchChanges.Small(emitted);
                await kadoa.EmitAsync(type, payload, cancellationToken: cancellationToken);
            }

            if (emitted < count)
            {
                var wait = TimeSpan.FromSeconds(emitted / perSecond) - Stopwatch.GetElapsedTime(start);
                await Task.Delay(wait > TimeSpan.FromMilliseconds(1) ? wait : TimeSpan.FromMilliseconds(1), cancellationToken);
            }
        }
    }

    private static async Task<int> DumpAsync(IReadOnlyList<SimulatedEvent> log, int from, string file, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        for (var i = from; i < log.Count; i++)
        {
            text.Append(log[i].ChangeId ?? log[i].DeliveryId).Append('\t').Append(log[i].SentTimestamp).Append('\n');
        }

        await File.WriteAllTextAsync(file, text.ToString(), cancellationToken);
        return Math.Max(0, log.Count - from);
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
