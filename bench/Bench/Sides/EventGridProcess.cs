using System.Globalization;

namespace KadoaBridge.Bench.Sides;

/// <summary>The Event Grid emulator in its own process (<see cref="EventGridSide"/>), driven from the benchmark.</summary>
public sealed class EventGridProcess(SideProcess side) : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    public SideProcess Side { get; } = side;

    /// <summary>Every topic's key.</summary>
    public static string Key => EventGridSide.Key;

    /// <summary>Starts the emulator with <paramref name="topics"/>; each of <paramref name="queues"/> delivers a topic into a queue of <paramref name="storageConnectionString"/>.</summary>
    public static async Task<EventGridProcess> StartAsync(
        IEnumerable<string> topics, IEnumerable<(string Topic, string Queue)> queues, string? storageConnectionString, Action<string> output, CancellationToken cancellationToken)
    {
        List<string> arguments = [];
        foreach (var topic in topics)
        {
            arguments.AddRange(["--topic", topic]);
        }

        foreach (var (topic, queue) in queues)
        {
            arguments.AddRange(["--queue", topic + "=" + queue]);
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (storageConnectionString is not null)
        {
            environment[EventGridSide.StorageConnectionVariable] = storageConnectionString;
        }

        return new(await SideProcess.StartAsync("eventgrid", arguments, environment, output, cancellationToken));
    }

    public Uri TopicEndpoint(string topic) => new(Side.Ready.GetProperty("topics").GetProperty(topic).GetProperty("endpoint").GetString()!);

    /// <summary>Events the topic accepted so far.</summary>
    public Task<long> CountAsync(string topic, CancellationToken cancellationToken) =>
        Side.SendForNumberAsync("count " + topic, CommandTimeout, cancellationToken);

    /// <summary>Completes when the topic accepted at least <paramref name="count"/> events in total; throws after <paramref name="timeout"/>.</summary>
    public Task WaitForAcceptedAsync(string topic, long count, TimeSpan timeout, CancellationToken cancellationToken) =>
        Side.SendAsync(string.Create(CultureInfo.InvariantCulture, $"wait {topic} {count} {(int)Math.Ceiling(timeout.TotalSeconds)}"), timeout + CommandTimeout, cancellationToken);

    /// <summary>(id, <c>Stopwatch</c> timestamp of acceptance) of each event the topic accepted from index <paramref name="from"/>, in order.</summary>
    public async Task<IReadOnlyList<(string Id, long Timestamp)>> AcceptedSinceAsync(string topic, long from, string file, CancellationToken cancellationToken)
    {
        await Side.SendAsync(string.Create(CultureInfo.InvariantCulture, $"dump {topic} {from} {file}"), CommandTimeout, cancellationToken);
        return TimestampFile.Read(file);
    }

    public ValueTask DisposeAsync() => Side.DisposeAsync();
}
