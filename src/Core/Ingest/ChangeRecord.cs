namespace KadoaBridge.Core.Ingest;

/// <summary>One stored change (any ingested event) as history returns it.</summary>
/// <param name="Event">The CloudEvent as stored (snapshot inline when small, else <c>data.snapshotRef</c>).</param>
public sealed record ChangeRecord(string Id, string? WorkflowId, string Type, string? Subject, DateTimeOffset Time, ReadOnlyMemory<byte> Event);
