namespace KadoaBridge.Core.Routing.Store;

/// <summary>A stored rule ingest leaves out, shown in <c>/api/status</c>: its row cannot be read, or it no longer validates.</summary>
/// <param name="Name">The rule's name (its row key).</param>
/// <param name="Reason">What is wrong, e.g. the JSON error or <c>$.destinations[0]: …</c>.</param>
public sealed record SkippedRule(string Name, string Reason);
