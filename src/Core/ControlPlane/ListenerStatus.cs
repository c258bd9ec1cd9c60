namespace KadoaBridge.Core.ControlPlane;

/// <summary>One listener replica as its last status row says, with ages computed at read time (seconds, 0.1 s resolution).</summary>
/// <param name="State">The connection state (<c>Connected</c>, <c>Connecting</c>, <c>Paused</c>, <c>KeyRejected</c>, …).</param>
/// <param name="HeartbeatAgeSeconds">Seconds since Kadoa's last heartbeat; null before the first.</param>
/// <param name="CheckpointAgeSeconds">Seconds since the resume checkpoint last moved; null before the first.</param>
/// <param name="CheckpointEventTime">The time of the last event the checkpoint covers.</param>
/// <param name="EventsReceived">Event frames received from Kadoa since the replica started (events in).</param>
/// <param name="EventsPublished">Events the ingress topic accepted since the replica started (events out).</param>
/// <param name="ReportedAgeSeconds">Seconds since the replica wrote this row: a large value means it stopped reporting.</param>
public sealed record ListenerStatus(
    string Replica,
    string State,
    string? TeamId,
    DateTimeOffset? ConnectedSince,
    DateTimeOffset? LastHeartbeatAt,
    double? HeartbeatAgeSeconds,
    DateTimeOffset? CheckpointUpdatedAt,
    double? CheckpointAgeSeconds,
    DateTimeOffset? CheckpointEventTime,
    long EventsReceived,
    long EventsPublished,
    long EventsQuarantined,
    long PublishFailures,
    long Reconnects,
    string? LastError,
    DateTimeOffset? ReportedAt,
    double? ReportedAgeSeconds)
{
    /// <summary>Why Event Grid refuses every event the replica publishes (a misconfigured topic or schema), while it does; else null. Nothing is acknowledged meanwhile.</summary>
    public string? IngressRejection { get; init; }
}
