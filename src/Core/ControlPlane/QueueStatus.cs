namespace KadoaBridge.Core.ControlPlane;

/// <summary>Approximate message counts (never lower than the truth); null when the queue does not exist.</summary>
/// <param name="IngressDepth">Queue <c>ingress</c>: events waiting for ingest.</param>
/// <param name="PoisonDepth">Queue <c>ingress-poison</c>: messages that failed every attempt, until <c>KeepPoison</c> copies them to
/// blob container <c>poison</c> (<see cref="StrandedCounts.Poison"/>; reasons in <see cref="BridgeStatus.RecentIngestFailures"/>).</param>
/// <param name="ReplayDepth">Queue <c>replay</c>: background replay work items.</param>
public sealed record QueueStatus(long? IngressDepth, long? PoisonDepth, long? ReplayDepth);
