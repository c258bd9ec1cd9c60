namespace KadoaBridge.Core.Reconcile;

/// <summary>A workflow reconciled up to <paramref name="At"/>; <paramref name="Due"/> when it was just set up and waits for the next tick.</summary>
public sealed record Watermark(string WorkflowId, DateTimeOffset At, bool Due);
