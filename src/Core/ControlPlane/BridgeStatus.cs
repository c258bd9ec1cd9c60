using KadoaBridge.Core.Routing.Store;

namespace KadoaBridge.Core.ControlPlane;

/// <summary><c>GET /api/status</c>: the listener, the queues, the deliveries and recent ingest failures, at <paramref name="GeneratedAt"/>.</summary>
/// <param name="Listeners">One entry per listener replica that reported (none yet: an empty list).</param>
/// <param name="Destinations">One entry per configured destination topic.</param>
/// <param name="RecentIngestFailures">The latest ingress messages that failed, newest first.</param>
/// <param name="Unmatched">What happens to events no rule matches: <c>default:{alias}</c> or <c>dropped</c>.</param>
/// <param name="SkippedRules">Stored routing rules ingest leaves out (unreadable rows, rules naming a destination that is gone), by name.</param>
/// <param name="Stranded">Poison copies, ingress dead letters and quarantined frames (<see cref="StrandedItems"/>).</param>
/// <param name="Reconcile">The gap-fill against Kadoa's record of changes: on or off, how often, and its last run.</param>
public sealed record BridgeStatus(
    DateTimeOffset GeneratedAt,
    IReadOnlyList<ListenerStatus> Listeners,
    QueueStatus Queues,
    IReadOnlyList<DestinationStatus> Destinations,
    IReadOnlyList<IngestFailure> RecentIngestFailures,
    string Unmatched,
    IReadOnlyList<SkippedRule> SkippedRules,
    StrandedCounts Stranded,
    ReconcileStatus Reconcile);
