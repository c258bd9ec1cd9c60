using System.Text.Json;

namespace KadoaBridge.Core.ControlPlane;

/// <summary><c>GET /api/changes/{workflowId}/{changeId}</c>: the stored change and its snapshot.</summary>
/// <param name="Event">The CloudEvent as stored.</param>
/// <param name="Snapshot">The snapshot rows (inline in the event, or downloaded from the payload container); null when the event has none.</param>
public sealed record ChangeDetail(string Id, string? WorkflowId, string Type, string? Subject, DateTimeOffset Time, JsonElement? Event, JsonElement? Snapshot);
