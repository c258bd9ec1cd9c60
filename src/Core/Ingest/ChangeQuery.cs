namespace KadoaBridge.Core.Ingest;

/// <summary>A history query. Without <see cref="WorkflowId"/> it reads the time index, newest first.</summary>
public sealed record ChangeQuery
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>Default look-back without <see cref="From"/> when no workflow is given: 30 days.</summary>
    public static readonly TimeSpan DefaultLookBack = TimeSpan.FromDays(30);

    public string? WorkflowId { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    /// <summary>CloudEvent type, e.g. <c>Kadoa.Workflow.DataChanged</c>.</summary>
    public string? Type { get; init; }

    public int PageSize { get; init; } = DefaultPageSize;

    public string? ContinuationToken { get; init; }
}
