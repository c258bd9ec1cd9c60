namespace KadoaBridge.Core.Reconcile;

/// <summary>
/// Reconciliation with Kadoa's REST record of changes (<c>Reconcile__*</c>): the gap-fill timer and backfills. Defaults
/// suit a bridge that is mostly connected: every 15 minutes ask Kadoa for the last 15 minutes plus 10 of overlap.
/// </summary>
public sealed class ReconcileOptions
{
    public const string SectionName = "Reconcile";

    /// <summary>The gap-fill timer's switch (<c>Reconcile__Enabled</c>). Default true. Backfill on demand works either way.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the gap-fill runs (<c>Reconcile__Interval</c>). Default 15 min; 1 min to 1 day. The timer ticks every minute and runs when this is due.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How far before its watermark each gap-fill asks again (<c>Reconcile__Overlap</c>). Default 10 min: a change Kadoa
    /// records a little after its <c>createdAt</c> is still found. 0 to 1 day.
    /// </summary>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Largest range one <c>POST /api/backfill</c> covers (<c>Reconcile__MaxBackfillRange</c>). Default 31 days; up to 366.</summary>
    public TimeSpan MaxBackfillRange { get; set; } = TimeSpan.FromDays(31);

    /// <summary>
    /// How long a data change Kadoa emitted before storing its data (<c>dataPending: true</c>) waits for it
    /// (<c>Reconcile__EnrichTimeout</c>): asked again with backoff (2 s doubling to 2 min) through a delayed queue
    /// message, then delivered as it is, <c>dataPending: true</c>, and counted in status. Default 15 min; 0 delivers at
    /// once without asking; up to 1 day.
    /// </summary>
    public TimeSpan EnrichTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Pages a backfill work item reads before it hands over to a fresh one (bounded invocations). Default 20.</summary>
    public int PagesPerWorkItem { get; set; } = 20;
}
