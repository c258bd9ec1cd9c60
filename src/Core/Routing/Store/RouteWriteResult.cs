namespace KadoaBridge.Core.Routing.Store;

/// <summary>The outcome of a rule write, with the stored rule's new entity tag after a create or replace.</summary>
public sealed record RouteWriteResult(RouteWriteStatus Status, string? ETag = null);
