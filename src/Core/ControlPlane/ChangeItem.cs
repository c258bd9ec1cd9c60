using System.Text.Json;

namespace KadoaBridge.Core.ControlPlane;

/// <summary>One change in a history page.</summary>
/// <param name="Event">The CloudEvent as stored (the snapshot inline when small, else <c>data.snapshotRef</c>); null when its blob is gone.</param>
public sealed record ChangeItem(string Id, string? WorkflowId, string Type, string? Subject, DateTimeOffset Time, JsonElement? Event);
