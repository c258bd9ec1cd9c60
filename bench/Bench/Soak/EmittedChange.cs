namespace KadoaBridge.Bench.Soak;

/// <summary>A change the soak emitted: its id, its workflow, the destinations its routing rules choose, and when.</summary>
public sealed record EmittedChange(string Id, string WorkflowId, IReadOnlyList<string> Destinations, DateTimeOffset At);
