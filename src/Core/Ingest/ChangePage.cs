namespace KadoaBridge.Core.Ingest;

/// <summary>A page of history, newest first; pass <see cref="ContinuationToken"/> back for the next.</summary>
public sealed record ChangePage(IReadOnlyList<ChangeRecord> Items, string? ContinuationToken);
