namespace KadoaBridge.Core.Storage;

/// <summary>
/// How long the bridge's working tables keep rows; a daily timer removes the older ones. Bound from <c>Retention</c>.
/// Change history (table <c>Changes</c>) is never trimmed: it is what a repeat is checked against once its
/// <c>Dedupe</c> row is gone.
/// </summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>The longest retention a setting may ask for: ten years.</summary>
    public const int MaxDays = 3650;

    /// <summary>
    /// Days a <c>Dedupe</c> row is kept after its lease last ran (<c>Retention__DedupeDays</c>). Default 30; 1 to 3650.
    /// Ingest reads history first for an event whose time is older than this (less an hour for clocks that differ), so
    /// a repeat that comes after its row was removed is still caught. Kept past it: the row of an event without a
    /// <c>time</c> (only that row knows where its change is stored), and the row of a failed event that published to
    /// some destinations while its change is not stored yet (it says which destinations a recovery skips).
    /// </summary>
    public int DedupeDays { get; set; } = 30;

    /// <summary>
    /// Days a <c>Status</c> row is kept (<c>Retention__StatusDays</c>). Default 7; 1 to 3650. A listener replica's row
    /// goes this long after the replica last reported (a running one reports every 10 s), an ingest failure's rows this
    /// long after the failure (a poison copy keeps its reasons for good), a background replay's row this long after it
    /// completed or failed (a running one is kept).
    /// </summary>
    public int StatusDays { get; set; } = 7;

    /// <summary><see cref="DedupeDays"/> as a duration.</summary>
    public TimeSpan Dedupe => TimeSpan.FromDays(DedupeDays);

    /// <summary><see cref="StatusDays"/> as a duration.</summary>
    public TimeSpan Status => TimeSpan.FromDays(StatusDays);
}
