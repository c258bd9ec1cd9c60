using Microsoft.Extensions.Logging;

namespace KadoaBridge.Core;

/// <summary>Every log message of Core, source-generated, with stable event ids. Never a key, token or SAS.</summary>
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

    [LoggerMessage(106, LogLevel.Warning, "Could not connect to Kadoa ({Error}); retrying in {Delay}")]
    public static partial void ConnectFailed(ILogger logger, string error, TimeSpan delay);

    [LoggerMessage(107, LogLevel.Warning, "Event Grid or storage is behind ({Events} events, {Bytes} bytes in flight): stopped reading until half is forwarded")]
    public static partial void Paused(ILogger logger, int events, long bytes);

    [LoggerMessage(108, LogLevel.Information, "Kadoa accepted the API key again")]
    public static partial void KeyAccepted(ILogger logger);

    [LoggerMessage(109, LogLevel.Warning, "Could not read the stored checkpoint ({Error}); retrying in {Delay}")]
    public static partial void CheckpointReadFailed(ILogger logger, string error, TimeSpan delay);

    // 2xx: forwarding
    [LoggerMessage(200, LogLevel.Warning, "Stage {Stage} failed (attempt {Attempt}, retrying in {Delay}): {ErrorType} {Error}")]
    public static partial void StageFailed(ILogger logger, string stage, int attempt, TimeSpan delay, string errorType, string error);

    [LoggerMessage(201, LogLevel.Warning, "Quarantined a frame (delivery {DeliveryId}): {Reason}")]
    public static partial void Quarantined(ILogger logger, string? deliveryId, string reason);

    [LoggerMessage(202, LogLevel.Warning, "Acknowledging delivery {DeliveryId} failed ({Error}); Kadoa will redeliver it")]
    public static partial void AckFailed(ILogger logger, string deliveryId, string error);
}
