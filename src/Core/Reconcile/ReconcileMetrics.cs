using System.Diagnostics.Metrics;
using KadoaBridge.Core.Diagnostics;

namespace KadoaBridge.Core.Reconcile;

/// <summary>
/// Reconciliation instruments on meter <c>KadoaBridge.Ingest</c>: <c>kadoa.reconcile.missing</c> counts changes Kadoa
/// recorded that the realtime path had not delivered (a non-zero rate is worth an alert), by origin (gapfill, backfill).
/// </summary>
public sealed class ReconcileMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly Counter<long> _missing;
    private readonly Counter<long> _enrichmentTimeouts;

    public ReconcileMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(IngestMetrics.MeterName);
        _missing = _meter.CreateCounter<long>("kadoa.reconcile.missing", "{change}", "Changes in Kadoa's record that history lacked, sent to ingest (tag origin: gapfill, backfill).");
        _enrichmentTimeouts = _meter.CreateCounter<long>("kadoa.enrichment.timeouts", "{change}", "Changes delivered with dataPending: true because Kadoa did not store their data within Reconcile__EnrichTimeout.");
    }

    public void OnGapFill(int missing) => _missing.Add(missing, new KeyValuePair<string, object?>("origin", "gapfill"));

    public void OnBackfill(int missing) => _missing.Add(missing, new KeyValuePair<string, object?>("origin", "backfill"));

    public void OnEnrichmentTimedOut() => _enrichmentTimeouts.Add(1);

    public void Dispose() => _meter.Dispose();
}
