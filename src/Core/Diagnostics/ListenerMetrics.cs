using System.Diagnostics.Metrics;

namespace KadoaBridge.Core.Diagnostics;

/// <summary>
/// The listener's counters, as OpenTelemetry instruments (meter <c>KadoaBridge.Listener</c>) and as totals for the
/// status row and tests.
/// </summary>
public sealed class ListenerMetrics : IDisposable
{
    public const string MeterName = "KadoaBridge.Listener";

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

    public ListenerMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _meter.CreateObservableCounter("kadoa.events.received", () => Received, description: "Event frames received from Kadoa.");
        _meter.CreateObservableCounter("kadoa.events.published", () => Published, description: "Events accepted by the ingress topic.");
        _meter.CreateObservableCounter("kadoa.events.quarantined", () => Quarantined, description: "Frames stored in quarantine.");
        _meter.CreateObservableCounter("kadoa.events.duplicates", () => Duplicates, description: "Deliveries suppressed as overlaps.");
        _meter.CreateObservableCounter("kadoa.acks.sent", () => Acknowledged, description: "Acknowledgements Kadoa accepted.");
        _meter.CreateObservableCounter("kadoa.acks.failed", () => AckFailures, description: "Acknowledgements that failed (Kadoa redelivers).");
        _meter.CreateObservableCounter("kadoa.publish.failures", () => PublishFailures, description: "Publish attempts that failed after the SDK's retries.");
        _meter.CreateObservableCounter("kadoa.reconnects", () => Reconnects, description: "Sockets opened after the first.");
        _meter.CreateObservableCounter("kadoa.events.claimchecked", () => ClaimChecked, description: "Events whose snapshot or data went to Blob Storage.");
        _forwardLatency = _meter.CreateHistogram<double>("kadoa.forward.latency", "ms", "Receipt of a frame to its acceptance by the ingress topic.");
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

    public void OnReceived() => Interlocked.Increment(ref _received);

    public void OnPublished(int count) => Interlocked.Add(ref _published, count);

    public void OnQuarantined() => Interlocked.Increment(ref _quarantined);

    public void OnDuplicate() => Interlocked.Increment(ref _duplicates);

    public void OnAcknowledged() => Interlocked.Increment(ref _acknowledged);

    public void OnAckFailed() => Interlocked.Increment(ref _ackFailures);

    public void OnPublishFailed() => Interlocked.Increment(ref _publishFailures);

    public void OnReconnect() => Interlocked.Increment(ref _reconnects);

    public void OnClaimChecked() => Interlocked.Increment(ref _claimChecked);

    public void RecordForwardLatency(TimeSpan latency) => _forwardLatency.Record(latency.TotalMilliseconds);

    public void Dispose() => _meter.Dispose();
}
