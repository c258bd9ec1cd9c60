namespace KadoaBridge.KadoaSimulator;

/// <summary>The simulator's log messages. Never tokens or keys.</summary>
internal static partial class SimulatorLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Kadoa simulator listening on 127.0.0.1:{Port} for team {TeamId}")]
    public static partial void Started(ILogger logger, int port, string teamId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Token request rejected: invalid API key")]
    public static partial void TokenRejected(ILogger logger);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Socket upgrade rejected: unknown or already used access token")]
    public static partial void SocketRejected(ILogger logger);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Socket {SocketNumber} opened")]
    public static partial void SocketOpened(ILogger logger, int socketNumber);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Socket {SocketNumber} subscribed to {Channel} (lastCursor {LastCursor}, {Replayed} event(s) replayed)")]
    public static partial void Subscribed(ILogger logger, int socketNumber, string channel, string? lastCursor, int replayed);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Socket {SocketNumber} finished in state {State}")]
    public static partial void SocketClosed(ILogger logger, int socketNumber, System.Net.WebSockets.WebSocketState state);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "Socket {SocketNumber} sent a frame that is not a subscribe action; ignored")]
    public static partial void ClientFrameIgnored(ILogger logger, int socketNumber);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Draining {SocketCount} socket(s), retryAfterMs {RetryAfterMs}")]
    public static partial void DrainStarted(ILogger logger, int socketCount, int retryAfterMs);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "Aborted {SocketCount} socket(s)")]
    public static partial void SocketsAborted(ILogger logger, int socketCount);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Redelivered {EventCount} unacknowledged event(s)")]
    public static partial void Redelivered(ILogger logger, int eventCount);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Simulated failure {StatusCode} for {Method} {Path}")]
    public static partial void SimulatedFailure(ILogger logger, string method, string path, int statusCode);
}
