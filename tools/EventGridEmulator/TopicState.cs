using System.Text;

namespace KadoaBridge.EventGridEmulator;

/// <summary>Everything the emulator holds for one topic.</summary>
internal sealed class TopicState(TopicOptions options, TimeProvider timeProvider)
{
    private readonly Lock _gate = new();
    private SubscriptionDispatcher[] _subscriptions = [];

    public string Name { get; } = options.Name;

    public string Key { get; } = options.Key;

    public byte[] KeyBytes { get; } = Encoding.UTF8.GetBytes(options.Key);

    public bool AcceptBearerTokens { get; } = options.AcceptBearerTokens;

    public AcceptedLog Accepted { get; } = new();

    public FaultState Faults { get; } = new(timeProvider);

    /// <summary>Copy-on-write, so the publish path reads it without a lock.</summary>
    public IReadOnlyList<SubscriptionDispatcher> Subscriptions => Volatile.Read(ref _subscriptions);

    public void Add(SubscriptionDispatcher subscription)
    {
        lock (_gate)
        {
            Volatile.Write(ref _subscriptions, [.. _subscriptions, subscription]);
        }
    }
}
