using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using KadoaBridge.EventGridEmulator;
using Emulator = KadoaBridge.EventGridEmulator.EventGridEmulator;

namespace KadoaBridge.Bench.Sides;

/// <summary>
/// <c>side eventgrid --topic NAME … [--queue TOPIC=QUEUE …]</c> (<see cref="SideCommand"/>): the Event Grid emulator alone in this process, every
/// topic with key <see cref="Key"/>; <c>--queue</c> delivers a topic into a Storage queue of the account in
/// <see cref="StorageConnectionVariable"/> (as tools/LocalRun does for <c>ingress</c>; first retry after 1 s, as the soak).
/// Commands (one answer line each): <c>count TOPIC</c>, <c>wait TOPIC N TIMEOUT_S</c> (until the topic accepted N in
/// total), <c>dump TOPIC FROM FILE</c> (writes <c>id\tacceptedTimestamp</c> per accepted event from index FROM, the
/// timestamp being <see cref="AcceptedEvent.AcceptedTimestamp"/>).
/// </summary>
internal static class EventGridSide
{
    public const string Key = "bench-key";

    /// <summary>The environment variable with the Storage connection string for <c>--queue</c> (kept off the command line).</summary>
    public const string StorageConnectionVariable = "BENCH_STORAGE_CONNECTION";

    public static async Task RunAsync(IReadOnlyList<string> topics, IReadOnlyList<(string Topic, string Queue)> queues, CancellationToken cancellationToken)
    {
        var options = new EventGridEmulatorOptions();
        foreach (var topic in topics)
        {
            options.Topics.Add(new TopicOptions { Name = topic, Key = Key });
        }

        await using var eventGrid = await Emulator.StartAsync(options, cancellationToken);
        foreach (var (topic, queue) in queues)
        {
            var connection = Environment.GetEnvironmentVariable(StorageConnectionVariable)
                ?? throw new InvalidOperationException($"--queue needs {StorageConnectionVariable} in the environment.");
            eventGrid.AddSubscription(topic, new SubscriptionOptions
            {
                Name = $"{topic}-to-{queue}",
                StorageQueue = new StorageQueueDestination(connection, queue),
                InitialRetryDelay = TimeSpan.FromSeconds(1),
            });
        }

        var endpoints = new JsonObject();
        foreach (var topic in options.Topics)
        {
            endpoints[topic.Name] = new JsonObject { ["endpoint"] = eventGrid.GetTopicEndpoint(topic.Name).AbsoluteUri, ["key"] = Key };
        }

        await SideHost.ServeAsync(new JsonObject { ["topics"] = endpoints }, (command, token) => HandleAsync(eventGrid, command, token), cancellationToken);
    }

    private static async Task<string> HandleAsync(Emulator eventGrid, string[] command, CancellationToken cancellationToken)
    {
        switch (command[0])
        {
            case "count":
                return Text(eventGrid.GetAccepted(command[1]).Count);
            case "wait":
                await eventGrid.WaitForAcceptedAsync(command[1], Int(command[2]), TimeSpan.FromSeconds(Int(command[3])), cancellationToken);
                return Text(eventGrid.GetAccepted(command[1]).Count);
            case "dump":
                var accepted = eventGrid.GetAccepted(command[1]);
                var text = new StringBuilder();
                for (var i = Int(command[2]); i < accepted.Count; i++)
                {
                    text.Append(accepted[i].Id).Append('\t').Append(accepted[i].AcceptedTimestamp).Append('\n');
                }

                await File.WriteAllTextAsync(command[3], text.ToString(), cancellationToken);
                return Text(Math.Max(0, accepted.Count - Int(command[2])));
            default:
                throw new ArgumentException($"Unknown command '{command[0]}'.");
        }
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
