namespace KadoaBridge.EventGridEmulator;

/// <summary>What tests read and control: accepted events and injected faults.</summary>
public sealed partial class EventGridEmulator
{
    /// <summary>The events the topic accepted, in acceptance order. A snapshot: cheap, and unaffected by later publishes.</summary>
    public IReadOnlyList<AcceptedEvent> GetAccepted(string topic) => GetTopic(topic).Accepted.Snapshot();

    /// <summary>CloudEvent id → how many times the topic accepted it (more than 1 means duplicates were published).</summary>
    public IReadOnlyDictionary<string, int> GetAcceptedIdCounts(string topic) => GetTopic(topic).Accepted.IdCounts();

    /// <summary>Completes when the topic accepted at least <paramref name="count"/> events in total; else <see cref="TimeoutException"/>.</summary>
    public Task WaitForAcceptedAsync(string topic, int count, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        GetTopic(topic).Accepted.Accepted.WaitAsync(count, timeout, $"accepted events on topic '{topic}'", cancellationToken);

    /// <summary>Makes the topic's publish endpoint misbehave as <paramref name="fault"/> says; replaces any fault already injected.</summary>
    public void InjectFault(string topic, FaultSpec fault)
    {
        GetTopic(topic).Faults.Inject(fault);
        Log.FaultInjected(_logger, topic, fault);
    }

    /// <summary>Removes the topic's injected fault.</summary>
    public void ClearFaults(string topic) => GetTopic(topic).Faults.Clear();
}
