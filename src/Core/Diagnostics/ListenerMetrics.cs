using System.Diagnostics.Metrics;

namespace KadoaBridge.Core.Diagnostics;

/// <summary>
/// The listener's instruments (meter <c>KadoaBridge.Listener</c>; names and units in docs/operations.md)
/// and the same totals for the status row and tests. Gauges read <see cref="ListenerState"/> when exported.
/// </summary>
public sealed class ListenerMetrics : IDisposable
{
    public const string MeterName = BridgeTelemetry.Listener;

    private readonly Meter _meter;
    private readonly Histogram<double> _forwardLatency;
    private long _received;
    private long _published;
    private long _quarantined;
    private long _duplicates;
    private long _acknowledged;
    private long _ackFailures;
    private long _publishFailures;
    private long _reconnects;
    private long _claimChecked;
    private long _checkpointConflicts;
    private long _unexpectedFaults;
    private long _ingressRejections;
    private long _checkpointsSkipped;

    public ListenerMetrics(IMeterFactory meterFactory, ListenerState state, TimeProvider time)
    {
        _meter = meterFactory.Create(MeterName);
        _meter.CreateObservableCounter("kadoa.listener.events.received", () => Received, "{event}", "Event frames received from Kadoa.");
        _meter.CreateObservableCounter("kadoa.listener.events.published", () => Published, "{event}", "Events accepted by the ingress topic.");
        _meter.CreateObservableCounter("kadoa.listener.events.quarantined", () => Quarantined, "{event}", "Frames stored in quarantine.");
        _meter.CreateObservableCounter("kadoa.listener.events.duplicates", () => Duplicates, "{event}", "Deliveries suppressed as overlaps.");
        _meter.CreateObservableCounter("kadoa.listener.events.claimchecked", () => ClaimChecked, "{event}", "Events whose snapshot or data went to Blob Storage.");
        _meter.CreateObservableCounter("kadoa.listener.acks.sent", () => Acknowledged, "{ack}", "Acknowledgements Kadoa accepted.");
        _meter.CreateObservableCounter("kadoa.listener.acks.failed", () => AckFailures, "{ack}", "Acknowledgements that failed (Kadoa redelivers).");
        _meter.CreateObservableCounter("kadoa.listener.publish.failures", () => PublishFailures, "{attempt}", "Publish attempts that failed after the SDK's retries (the pipeline retries them).");
        _meter.CreateObservableCounter("kadoa.listener.reconnects", () => Reconnects, "{socket}", "Sockets opened after the first.");
        _meter.CreateObservableCounter("kadoa.listener.checkpoint.conflicts", () => CheckpointConflicts, "{write}", "Checkpoint writes another replica got in first (412/409, settled by re-reading).");
        _meter.CreateObservableCounter("kadoa.listener.faults", () => UnexpectedFaults, "{fault}", "Unexpected exceptions in connecting, the token, the checkpoint or forwarding (logged with the exception, retried).");
        _meter.CreateObservableCounter("kadoa.listener.publish.rejected", () => IngressRejections, "{attempt}", "Publish attempts in which Event Grid refused every event, also one it accepted before (a misconfigured topic or schema): nothing is quarantined or acknowledged, the attempt is retried.");
        _meter.CreateObservableCounter("kadoa.listener.checkpoint.skipped", () => CheckpointsSkipped, "{cursor}", "Cursors no checkpoint can store (over 32,768 characters, or refused by storage): the events are forwarded, the checkpoint waits for the next cursor.");
        _meter.CreateObservableGauge("kadoa.listener.publish.rejecting", () => state.IngressRejection is null ? 0 : 1, "1", "1 while Event Grid refuses every event (see kadoa.listener.publish.rejected), else 0.");
        _meter.CreateObservableGauge("kadoa.listener.connected", () => state.State == ConnectionState.Connected ? 1 : 0, "1", "1 while a socket to Kadoa is open and subscribed, else 0.");
        _meter.CreateObservableGauge("kadoa.listener.heartbeat.age", () => AgeOrNone(state.LastHeartbeatAt, time), "s", "Seconds since Kadoa's last heartbeat.");
        _meter.CreateObservableGauge("kadoa.listener.checkpoint.age", () => AgeOrNone(state.CheckpointUpdatedAt, time), "s", "Seconds since the stored cursor last advanced.");
        _forwardLatency = _meter.CreateHistogram<double>("kadoa.listener.forward.latency", "ms", "Receipt of a frame to its acceptance by the ingress topic.");
    }

    public long Received => Interlocked.Read(ref _received);

    public long Published => Interlocked.Read(ref _published);

    public long Quarantined => Interlocked.Read(ref _quarantined);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    public long AckFailures => Interlocked.Read(ref _ackFailures);

    public long PublishFailures => Interlocked.Read(ref _publishFailures);

    public long Reconnects => Interlocked.Read(ref _reconnects);

    public long ClaimChecked => Interlocked.Read(ref _claimChecked);

    public long CheckpointConflicts => Interlocked.Read(ref _checkpointConflicts);

    public long UnexpectedFaults => Interlocked.Read(ref _unexpectedFaults);

    public long IngressRejections => Interlocked.Read(ref _ingressRejections);

    public long CheckpointsSkipped => Interlocked.Read(ref _checkpointsSkipped);

    public void OnReceived() => Interlocked.Increment(ref _received);

    public void OnPublished(int count) => Interlocked.Add(ref _published, count);

    public void OnQuarantined() => Interlocked.Increment(ref _quarantined);

    public void OnDuplicate() => Interlocked.Increment(ref _duplicates);

    public void OnAcknowledged() => Interlocked.Increment(ref _acknowledged);

    public void OnAckFailed() => Interlocked.Increment(ref _ackFailures);

    public void OnPublishFailed() => Interlocked.Increment(ref _publishFailures);

    public void OnReconnect() => Interlocked.Increment(ref _reconnects);

    public void OnClaimChecked() => Interlocked.Increment(ref _claimChecked);

    public void OnCheckpointConflict() => Interlocked.Increment(ref _checkpointConflicts);

    public void OnUnexpectedFault() => Interlocked.Increment(ref _unexpectedFaults);

    public void OnIngressRejected() => Interlocked.Increment(ref _ingressRejections);

    public void OnCheckpointSkipped() => Interlocked.Increment(ref _checkpointsSkipped);

    public void RecordForwardLatency(TimeSpan latency) => _forwardLatency.Record(latency.TotalMilliseconds);

    public void Dispose() => _meter.Dispose();

    /// <summary>No measurement at all before the first heartbeat or checkpoint: an age of "never" is not a number.</summary>
    private static IEnumerable<Measurement<double>> AgeOrNone(DateTimeOffset? at, TimeProvider time) =>
        at is { } value ? [new Measurement<double>(Math.Max(0, (time.GetUtcNow() - value).TotalSeconds))] : [];
}
