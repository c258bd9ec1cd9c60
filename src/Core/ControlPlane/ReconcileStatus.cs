using KadoaBridge.Core.Reconcile;

namespace KadoaBridge.Core.ControlPlane;

/// <summary>The gap-fill in <c>/api/status</c>.</summary>
/// <param name="Enabled"><c>Reconcile__Enabled</c>.</param>
/// <param name="Interval"><c>Reconcile__Interval</c>.</param>
/// <param name="LastRun">The last run (null before the first): its range, what Kadoa listed, and how many changes history lacked.</param>
/// <param name="DataPendingTimeouts">Changes delivered with <c>dataPending: true</c> because Kadoa did not store their data within <c>Reconcile__EnrichTimeout</c>.</param>
public sealed record ReconcileStatus(bool Enabled, TimeSpan Interval, GapFillRun? LastRun, EnrichmentTimeouts DataPendingTimeouts);
