using KadoaBridge.Core.Ingest;

namespace KadoaBridge.Core.ControlPlane;

/// <summary>How replays run. Bound from <c>Replay</c>.</summary>
public sealed class ReplayOptions
{
    public const string SectionName = "Replay";

    /// <summary>
    /// Most changes a replay republishes inline, in the request (<c>Replay__InlineLimit</c>); a larger selection runs in
    /// the background. Default 100; 1 to 199.
    /// </summary>
    public int InlineLimit { get; set; } = 100;

    /// <summary>Changes one background work item republishes (<c>Replay__PageSize</c>). Default 200; 1 to 200.</summary>
    public int PageSize { get; set; } = ChangeQuery.MaxPageSize;

    /// <summary>
    /// Longest time range one replay may cover (<c>Replay__MaxRange</c>). Default 90 days, also the most allowed: the
    /// longest range a history query without a workflow may cover.
    /// </summary>
    public TimeSpan MaxRange { get; set; } = ChangeQueryReader.MaxRangeWithoutWorkflow;
}
