using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace KadoaBridge.Core.Diagnostics;

/// <summary>
/// Ingest and delivery instruments (meter <c>KadoaBridge.Ingest</c>; names and units in docs/operations.md).
/// Per-destination counters carry the tag <c>destination</c>; the backlog gauges report what
/// <see cref="SetQueueDepth"/> and <see cref="SetStranded"/> last sampled (storage is never read at export time).
/// </summary>
public sealed class IngestMetrics : IDisposable
{
    public const string MeterName = BridgeTelemetry.Ingest;

    private readonly Meter _meter;
    private readonly Counter<long> _ingested;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _quarantined;
    private readonly Counter<long> _routed;
    private readonly Counter<long> _deliveryFailures;
    private readonly Counter<long> _redriven;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _retained;
    private readonly Histogram<double> _lag;
    private readonly ConcurrentDictionary<string, long> _queueDepths = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _stranded = new(StringComparer.Ordinal);

    public IngestMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _ingested = _meter.CreateCounter<long>("kadoa.ingest.events.ingested", "{event}", "New events routed, delivered and stored.");
        _duplicates = _meter.CreateCounter<long>("kadoa.ingest.events.duplicates", "{event}", "Events dropped as already processed (same CloudEvent id).");
        _failures = _meter.CreateCounter<long>("kadoa.ingest.failures", "{message}", "Ingress messages that failed an attempt (the queue retries them; the fifth failure poisons).");
        _quarantined = _meter.CreateCounter<long>("kadoa.ingest.events.quarantined", "{message}", "Ingress messages that were no usable CloudEvent (kept in quarantine).");
        _routed = _meter.CreateCounter<long>("kadoa.delivery.routed", "{event}", "Events the rules sent to a destination (tag destination).");
        _deliveryFailures = _meter.CreateCounter<long>("kadoa.delivery.failures", "{attempt}", "Publish attempts to a destination that failed (tag destination; redrive retries).");
        _redriven = _meter.CreateCounter<long>("kadoa.delivery.redriven", "{event}", "Failed deliveries that redrive published (tag destination).");
        _deadLettered = _meter.CreateCounter<long>("kadoa.delivery.deadlettered", "{event}", "Deliveries given up (tag destination): refused by the topic or out of attempts.");
        _retained = _meter.CreateCounter<long>("kadoa.retention.deleted", "{row}", "Rows retention removed as past their time (tag table: Dedupe, Status).");
        _lag = _meter.CreateHistogram<double>(
            "kadoa.ingest.lag", "s", "End-to-end lag: from the CloudEvent time (the change's createdAt) to its ingest.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600] });
        _meter.CreateObservableGauge("kadoa.queue.depth", () => Read(_queueDepths, "queue"), "{message}", "Approximate messages waiting per queue (tag queue).");
        _meter.CreateObservableGauge("kadoa.stranded", () => Read(_stranded, "kind"), "{item}", "Items waiting for recovery (tag kind: poison, deadletters, quarantine).");
    }

    public void OnIngested(TimeSpan? lag)
    {
        _ingested.Add(1);
        if (lag is { } value)
        {
            _lag.Record(Math.Max(0, value.TotalSeconds));
        }
    }

    public void OnDuplicate() => _duplicates.Add(1);

    public void OnFailure() => _failures.Add(1);

    public void OnQuarantined() => _quarantined.Add(1);

    public void OnRouted(string destination) => _routed.Add(1, new KeyValuePair<string, object?>("destination", destination));

    public void OnDeliveryFailed(string destination) => _deliveryFailures.Add(1, new KeyValuePair<string, object?>("destination", destination));

    public void OnRedriven(string destination) => _redriven.Add(1, new KeyValuePair<string, object?>("destination", destination));

    public void OnDeadLettered(string destination) => _deadLettered.Add(1, new KeyValuePair<string, object?>("destination", destination));

    public void OnRetentionDeleted(string table, long rows) => _retained.Add(rows, new KeyValuePair<string, object?>("table", table));

    public void SetQueueDepth(string queue, long depth) => _queueDepths[queue] = depth;

    public void SetStranded(string kind, long count) => _stranded[kind] = count;

    public void Dispose() => _meter.Dispose();

    private static IEnumerable<Measurement<long>> Read(ConcurrentDictionary<string, long> values, string tag) =>
        values.Select(pair => new Measurement<long>(pair.Value, new KeyValuePair<string, object?>(tag, pair.Key)));
}
