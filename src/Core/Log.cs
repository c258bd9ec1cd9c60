using Microsoft.Extensions.Logging;

namespace KadoaBridge.Core;

/// <summary>
/// Every log message of Core, source-generated, with stable event ids. Never a key, token or SAS. A failure is logged
/// with its exception (the last parameter), so stack traces and exception telemetry survive; a message template names
/// only what an operator acts on (a status, a stage, a delay).
/// </summary>
/// <remarks>
/// Event ids are unique across the solution, one range per assembly (LogEventIdTests in tests/LocalRun.Tests holds
/// them): KadoaBridge.Core 100–799 (this class) and 900–999 (<see cref="Reconcile.Log"/>); KadoaBridge.Functions
/// 800–899; KadoaBridge.Listener 1000–1099; KadoaBridge.ServiceDefaults 1100–1199; the tools from 5000: KadoaSimulator
/// 5000–5099, EventGridEmulator 5100–5199, LocalRun 5200–5299, Azurite 5300–5399.
/// </remarks>
internal static partial class Log
{
    // 1xx: realtime connection
    [LoggerMessage(100, LogLevel.Information, "Connected to Kadoa's realtime feed as socket {Socket} for team {TeamId}, resuming after cursor {Cursor}")]
    public static partial void Connected(ILogger logger, int socket, string teamId, string? cursor);

    [LoggerMessage(101, LogLevel.Warning, "Socket {Socket} closed ({Reason}); reconnecting in {Delay}")]
    public static partial void SocketClosed(ILogger logger, int socket, string reason, TimeSpan delay);

    [LoggerMessage(102, LogLevel.Warning, "No heartbeat on socket {Socket} for {Timeout}: treating the connection as lost")]
    public static partial void HeartbeatLost(ILogger logger, int socket, TimeSpan timeout);

    [LoggerMessage(103, LogLevel.Information, "Kadoa is draining socket {Socket}; opening a replacement in {Delay}")]
    public static partial void Draining(ILogger logger, int socket, TimeSpan delay);

    [LoggerMessage(104, LogLevel.Error, "Kadoa refused the API key ({Status}). Check Kadoa__ApiKey; retrying every {Delay}. This is reported once until the key is accepted")]
    public static partial void KeyRejected(ILogger logger, int status, TimeSpan delay);

    [LoggerMessage(105, LogLevel.Debug, "Kadoa still refuses the API key ({Status}); next attempt in {Delay}")]
    public static partial void KeyStillRejected(ILogger logger, int status, TimeSpan delay);

    [LoggerMessage(106, LogLevel.Warning, "Could not connect to Kadoa ({During}); retrying in {Delay}")]
    public static partial void ConnectFailed(ILogger logger, string during, TimeSpan delay, Exception exception);

    [LoggerMessage(107, LogLevel.Warning, "Event Grid or storage is behind ({Events} events, {Bytes} bytes in flight): stopped reading until half is forwarded")]
    public static partial void Paused(ILogger logger, int events, long bytes);

    [LoggerMessage(108, LogLevel.Information, "Kadoa accepted the API key again")]
    public static partial void KeyAccepted(ILogger logger);

    [LoggerMessage(109, LogLevel.Warning, "Could not read the stored checkpoint; retrying in {Delay}")]
    public static partial void CheckpointReadFailed(ILogger logger, TimeSpan delay, Exception exception);

    [LoggerMessage(110, LogLevel.Error, "Unexpected fault in the {During}; reconnecting in {Delay}")]
    public static partial void ReceiverFault(ILogger logger, string during, TimeSpan delay, Exception exception);

    [LoggerMessage(111, LogLevel.Critical, "The listener stops: {Part} ended while the host runs, so nothing would be forwarded any more")]
    public static partial void ListenerStopped(ILogger logger, string part, Exception exception);

    [LoggerMessage(112, LogLevel.Warning, "Delivery {DeliveryId} carries a _cursor of {Length} characters, more than a checkpoint stores ({Max}): the event is forwarded and the checkpoint stays at the cursor before it")]
    public static partial void CursorTooLong(ILogger logger, string? deliveryId, int length, int max);

    [LoggerMessage(113, LogLevel.Error, "Socket {Socket} failed while handling a frame; closing it so the receiver reconnects and Kadoa redelivers")]
    public static partial void ReceiveLoopFailed(ILogger logger, int socket, Exception exception);

    // 2xx: forwarding
    [LoggerMessage(200, LogLevel.Warning, "Stage {Stage} failed (attempt {Attempt}, retrying in {Delay})")]
    public static partial void StageFailed(ILogger logger, string stage, int attempt, TimeSpan delay, Exception exception);

    [LoggerMessage(203, LogLevel.Error, "Stage {Stage} failed unexpectedly (attempt {Attempt}, retrying in {Delay})")]
    public static partial void StageFaulted(ILogger logger, string stage, int attempt, TimeSpan delay, Exception exception);

    [LoggerMessage(201, LogLevel.Warning, "Quarantined a frame (delivery {DeliveryId}): {Reason}")]
    public static partial void Quarantined(ILogger logger, string? deliveryId, string reason);

    [LoggerMessage(202, LogLevel.Warning, "Acknowledging delivery {DeliveryId} failed; Kadoa will redeliver it")]
    public static partial void AckFailed(ILogger logger, string deliveryId, Exception exception);

    [LoggerMessage(204, LogLevel.Error, "Event Grid refuses every event of a batch of {Count} ({Status} {ErrorCode}), also one it accepted before: the ingress topic or its input schema is misconfigured. Nothing is quarantined or acknowledged; retrying with backoff")]
    public static partial void IngressRejectsEverything(ILogger logger, int count, int status, string? errorCode, Exception exception);

    [LoggerMessage(205, LogLevel.Information, "Event Grid accepts events again")]
    public static partial void IngressAcceptsAgain(ILogger logger);

    [LoggerMessage(206, LogLevel.Warning, "Storage refused a checkpoint with a cursor of {Length} characters ({Status} {ErrorCode}); it is skipped and the next cursor moves the checkpoint")]
    public static partial void CheckpointRefused(ILogger logger, int length, int status, string? errorCode, Exception exception);

    // 3xx: ingest and delivery
    [LoggerMessage(300, LogLevel.Information, "Ingested {Id} (workflow {WorkflowId}): route {Route}, {Destinations} destinations")]
    public static partial void Ingested(ILogger logger, string id, string? workflowId, string route, int destinations);

    [LoggerMessage(301, LogLevel.Debug, "Skipped {Id}: already processed")]
    public static partial void IngestDuplicate(ILogger logger, string id);

    [LoggerMessage(302, LogLevel.Warning, "Quarantined an ingress message: {Reason}")]
    public static partial void IngestQuarantined(ILogger logger, string reason);

    /// <summary><paramref name="reason"/> is what the delivery keeps as its last error (<see cref="Diagnostics.Failures.Describe"/>); <paramref name="exception"/> is null when no exception caused it.</summary>
    [LoggerMessage(303, LogLevel.Warning, "Delivery of {Id} to {Destination} failed (attempt {Attempt}): {Reason}; redrive will retry")]
    public static partial void DeliveryFailed(ILogger logger, string id, string destination, int attempt, string reason, Exception? exception);

    /// <summary><paramref name="reason"/> is what the delivery keeps as its last error; <paramref name="exception"/> is null when no exception caused it.</summary>
    [LoggerMessage(304, LogLevel.Error, "Delivery of {Id} to {Destination} dead-lettered: {Reason}")]
    public static partial void DeliveryDeadLettered(ILogger logger, string id, string destination, string reason, Exception? exception);

    [LoggerMessage(305, LogLevel.Information, "Redrove {Id} to {Destination} on attempt {Attempt}")]
    public static partial void Redriven(ILogger logger, string id, string destination, int attempt);

    [LoggerMessage(306, LogLevel.Information, "Dropped {Id}: no rule matched and no default destination is set")]
    public static partial void Dropped(ILogger logger, string id);

    [LoggerMessage(307, LogLevel.Error, "Routing rule {Rule} is invalid with the current configuration and is skipped: {Errors}")]
    public static partial void RuleSkipped(ILogger logger, string rule, string errors);

    [LoggerMessage(310, LogLevel.Warning, "Lost the dedupe lease of {Id}: another instance took it over; this one finishes its work")]
    public static partial void LeaseLost(ILogger logger, string id);

    [LoggerMessage(311, LogLevel.Warning, "Renewing the dedupe lease of {Id} failed; trying again at the next renewal")]
    public static partial void LeaseRenewalFailed(ILogger logger, string id, Exception exception);

    [LoggerMessage(312, LogLevel.Information, "{Id} is still being processed by another instance after {Waited}; the message is handed back to complete as a repeat later")]
    public static partial void IngestHandedBack(ILogger logger, string id, TimeSpan waited);

    [LoggerMessage(313, LogLevel.Warning, "Published {Id} to {Destination}, but recording it failed; a later redrive or replay may publish it again with the same id")]
    public static partial void PublishedNotRecorded(ILogger logger, string id, string destination, Exception exception);

    [LoggerMessage(314, LogLevel.Warning, "Did not follow the {Part} reference of event {Id}: {Reason}. Only the event's own blob in the bridge's payload container is read; the event goes on without it")]
    public static partial void ClaimCheckReferenceRefused(ILogger logger, string id, string part, string reason);

    // 4xx: provisioning (Kadoa channel and notification settings)
    [LoggerMessage(400, LogLevel.Information, "Reusing the workspace's WebSocket channel {ChannelId} ({ChannelName})")]
    public static partial void ChannelReused(ILogger logger, string channelId, string channelName);

    [LoggerMessage(401, LogLevel.Information, "Created the WebSocket channel {ChannelId} ({ChannelName})")]
    public static partial void ChannelCreated(ILogger logger, string channelId, string channelName);

    [LoggerMessage(402, LogLevel.Information, "Created notification setting {SettingId} for {Scope}, event type {EventType}")]
    public static partial void SettingCreated(ILogger logger, string settingId, string scope, string eventType);

    [LoggerMessage(403, LogLevel.Information, "Added channel {ChannelId} to notification setting {SettingId} for {Scope}, event type {EventType}, keeping {OtherChannels} other channel(s)")]
    public static partial void SettingMerged(ILogger logger, string channelId, string settingId, string scope, string eventType, int otherChannels);

    [LoggerMessage(404, LogLevel.Debug, "Notification setting {SettingId} for {Scope}, event type {EventType} already routes to channel {ChannelId}")]
    public static partial void SettingUnchanged(ILogger logger, string settingId, string scope, string eventType, string channelId);

    [LoggerMessage(405, LogLevel.Warning, "Provisioning stopped at step {Step} ({Scope}, event type {EventType}); Kadoa status {Status}")]
    public static partial void ProvisioningStopped(ILogger logger, string step, string? scope, string? eventType, int status, Exception exception);

    [LoggerMessage(406, LogLevel.Information, "Setup finished: {Created} created, {Updated} updated, {Unchanged} unchanged; complete: {Complete}")]
    public static partial void SetupFinished(ILogger logger, int created, int updated, int unchanged, bool complete);

    [LoggerMessage(407, LogLevel.Information, "Unlinked channel {ChannelId} from notification setting {SettingId} of workflow {WorkflowId} ({Action})")]
    public static partial void SettingUnlinked(ILogger logger, string channelId, string settingId, string workflowId, string action);

    [LoggerMessage(408, LogLevel.Information, "Asked Kadoa for a test {EventType} event (workflow {WorkflowId}): event {EventId}")]
    public static partial void TestEventRequested(ILogger logger, string eventType, string? workflowId, string? eventId);

    [LoggerMessage(409, LogLevel.Information, "Kadoa refused to create {What} ({Status}); reading again in case it exists now")]
    public static partial void CreateRefused(ILogger logger, string what, int status);

    [LoggerMessage(410, LogLevel.Debug, "Kadoa answered {Method} {Path} with {Status} after {ElapsedMs} ms")]
    public static partial void KadoaCallCompleted(ILogger logger, string method, string? path, int status, long elapsedMs);

    [LoggerMessage(411, LogLevel.Debug, "Kadoa call {Method} {Path} failed after {ElapsedMs} ms")]
    public static partial void KadoaCallFailed(ILogger logger, string method, string? path, long elapsedMs, Exception exception);

    // 5xx: control plane (history, replay, status)
    [LoggerMessage(500, LogLevel.Information, "Replayed {Count} stored changes inline (workflow {WorkflowId}, {From} to {To}): {Published} deliveries published, {Failed} failed")]
    public static partial void ReplayedInline(ILogger logger, long count, string? workflowId, DateTimeOffset? from, DateTimeOffset to, long published, long failed);

    [LoggerMessage(501, LogLevel.Information, "Started background replay {JobId} (workflow {WorkflowId}, {From} to {To})")]
    public static partial void ReplayStarted(ILogger logger, string jobId, string? workflowId, DateTimeOffset? from, DateTimeOffset to);

    [LoggerMessage(502, LogLevel.Debug, "Replay {JobId} page {Page}: {Count} changes republished, {Processed} so far")]
    public static partial void ReplayPage(ILogger logger, string jobId, int page, long count, long processed);

    [LoggerMessage(503, LogLevel.Information, "Replay {JobId} completed: {Processed} changes, {Published} deliveries published, {Failed} failed")]
    public static partial void ReplayCompleted(ILogger logger, string jobId, long processed, long published, long failed);

    [LoggerMessage(504, LogLevel.Error, "Replay {JobId} failed on every attempt of a work item; the job is marked failed")]
    public static partial void ReplayFailed(ILogger logger, string jobId, Exception exception);

    [LoggerMessage(505, LogLevel.Debug, "Ignored replay work item for job {JobId} page {Page}: {Reason}")]
    public static partial void ReplayItemIgnored(ILogger logger, string jobId, int page, string reason);

    [LoggerMessage(506, LogLevel.Warning, "Dropped an unreadable replay work item ({Bytes} bytes)")]
    public static partial void ReplayItemUnreadable(ILogger logger, int bytes);

    [LoggerMessage(507, LogLevel.Warning, "Replay skipped stored change {Id}: its event could not be read")]
    public static partial void ReplaySkipped(ILogger logger, string id);

    // 6xx: routing rules (store, reload, dry run)
    [LoggerMessage(600, LogLevel.Information, "Routing rule {Name} {Change}")]
    public static partial void RouteRuleWritten(ILogger logger, string name, string change);

    [LoggerMessage(601, LogLevel.Information, "Loaded {Count} routing rules (version {Version})")]
    public static partial void RouteRulesLoaded(ILogger logger, int count, string version);

    [LoggerMessage(602, LogLevel.Error, "The stored routing rule {Name} cannot be read")]
    public static partial void RouteRuleUnreadable(ILogger logger, string name, Exception exception);

    // 70x: stranded items (poison copies, ingress dead letters) and their recovery
    [LoggerMessage(700, LogLevel.Warning, "Kept poison message {MessageId} (event {EventId}) with {Reasons} failure reasons as poison copy {CopyId}; send it back with POST /api/recovery/poison")]
    public static partial void PoisonKept(ILogger logger, string messageId, string? eventId, int reasons, string copyId);

    [LoggerMessage(701, LogLevel.Information, "Recovery of {Kind}: {Requeued} events back on the ingress queue, {Failed} failed, more left: {Remaining}")]
    public static partial void Recovered(ILogger logger, string kind, int requeued, int failed, bool remaining);

    [LoggerMessage(702, LogLevel.Warning, "Recovery of {Kind} could not send back {Item}")]
    public static partial void RecoveryItemFailed(ILogger logger, Exception exception, string kind, string item);

    [LoggerMessage(703, LogLevel.Warning, "Discarded poison copy {CopyId}: its message will not be ingested")]
    public static partial void PoisonDiscarded(ILogger logger, string copyId);

    [LoggerMessage(704, LogLevel.Error, "Could not keep poison message {MessageId} on any attempt; it is back on ingress-poison for another try in {Delay}")]
    public static partial void PoisonDeferred(ILogger logger, Exception exception, string messageId, TimeSpan delay);

    // 71x: retention (rows past their time)
    [LoggerMessage(710, LogLevel.Information, "Retention removed {Deleted} rows of table {Table} older than {Before}")]
    public static partial void RetentionDeleted(ILogger logger, int deleted, string table, DateTimeOffset before);

    [LoggerMessage(711, LogLevel.Error, "Retention could not finish table {Table}; the next run goes on where this one stopped")]
    public static partial void RetentionFailed(ILogger logger, string table, Exception exception);
}
