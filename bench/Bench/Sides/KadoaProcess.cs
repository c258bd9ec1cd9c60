using System.Globalization;

namespace KadoaBridge.Bench.Sides;

/// <summary>The Kadoa simulator in its own process (<see cref="KadoaSide"/>), driven from the benchmark.</summary>
public sealed class KadoaProcess(SideProcess side) : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    public SideProcess Side { get; } = side;

    public Uri ApiBaseUrl => Url("apiBaseUrl");

    public Uri RealtimeUrl => Url("realtimeUrl");

    public Uri RealtimeHttpUrl => Url("realtimeHttpUrl");

    public string ApiKey => Side.Ready.GetProperty("apiKey").GetString()!;

    public static async Task<KadoaProcess> StartAsync(Action<string> output, CancellationToken cancellationToken) =>
        new(await SideProcess.StartAsync("kadoa", [], new Dictionary<string, string>(), output, cancellationToken));

    /// <summary>The <c>Kadoa__*</c> settings of a listener or Functions host that talks to this simulator.</summary>
    public Dictionary<string, string> ClientEnvironment() => new(StringComparer.Ordinal)
    {
        ["Kadoa__ApiKey"] = ApiKey,
        ["Kadoa__ApiBaseUrl"] = ApiBaseUrl.AbsoluteUri,
        ["Kadoa__RealtimeUrl"] = RealtimeUrl.AbsoluteUri,
        ["Kadoa__RealtimeHttpUrl"] = RealtimeHttpUrl.AbsoluteUri,
    };

    /// <summary>Queues <paramref name="count"/> small changes at once.</summary>
    public Task BurstAsync(int count, CancellationToken cancellationToken) => Side.SendAsync(Invariant($"burst {count}"), CommandTimeout, cancellationToken);

    /// <summary>Emits <paramref name="count"/> small changes at <paramref name="perSecond"/>; completes after the last.</summary>
    public Task RateAsync(double perSecond, int count, CancellationToken cancellationToken) =>
        Side.SendAsync(Invariant($"rate {perSecond} {count}"), TimeSpan.FromSeconds(count / perSecond) + CommandTimeout, cancellationToken);

    /// <summary>Emits <paramref name="count"/> changes of about <paramref name="bytes"/> each, back to back.</summary>
    public Task SnapshotsAsync(int count, int bytes, CancellationToken cancellationToken) =>
        Side.SendAsync(Invariant($"snapshots {count} {bytes}"), CommandTimeout, cancellationToken);

    /// <summary>Events emitted so far (the index the next one will have).</summary>
    public Task<long> CountAsync(CancellationToken cancellationToken) => Side.SendForNumberAsync("count", CommandTimeout, cancellationToken);

    /// <summary>Completes when at least <paramref name="count"/> sockets are subscribed.</summary>
    public Task WaitForSubscribersAsync(int count, TimeSpan timeout, CancellationToken cancellationToken) =>
        Side.SendAsync(Invariant($"subscribers {count} {(int)timeout.TotalSeconds}"), timeout + CommandTimeout, cancellationToken);

    /// <summary>Completes when no socket is subscribed any more (the previous client's socket is gone).</summary>
    public Task WaitForNoSubscriberAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        Side.SendAsync(Invariant($"unsubscribed {(int)timeout.TotalSeconds}"), timeout + CommandTimeout, cancellationToken);

    /// <summary>Event id → <c>Stopwatch</c> timestamp of its first socket write, for the events from index <paramref name="from"/> (unsent ones left out).</summary>
    public async Task<Dictionary<string, long>> SentSinceAsync(long from, string file, CancellationToken cancellationToken)
    {
        await Side.SendAsync(Invariant($"dump {from} {file}"), CommandTimeout, cancellationToken);
        var sent = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (id, timestamp) in TimestampFile.Read(file))
        {
            if (timestamp != 0)
            {
                sent.TryAdd(id, timestamp);
            }
        }

        return sent;
    }

    public ValueTask DisposeAsync() => Side.DisposeAsync();

    private Uri Url(string name) => new(Side.Ready.GetProperty(name).GetString()!);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
