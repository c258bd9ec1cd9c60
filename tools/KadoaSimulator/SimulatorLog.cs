namespace KadoaBridge.KadoaSimulator;

/// <summary>
/// The simulator's log messages, event ids 5000–5099: event ids are unique across the solution, one range per assembly
/// (every range is listed on KadoaBridge.Core.Log and checked by LogEventIdTests). Never tokens or keys.
/// </summary>
internal static partial class SimulatorLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Kadoa simulator listening on 127.0.0.1:{Port} for team {TeamId}")]
    public static partial void SimulatorStarted(ILogger logger, int port, string teamId);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Token request rejected: invalid API key")]
    public static partial void TokenRejected(ILogger logger);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Socket upgrade rejected: unknown or already used access token")]
    public static partial void SocketRejected(ILogger logger);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Socket {SocketNumber} opened")]
    public static partial void SocketOpened(ILogger logger, int socketNumber);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "Socket {SocketNumber} subscribed to {Channel} (lastCursor {LastCursor}, {Replayed} event(s) replayed)")]
    public static partial void Subscribed(ILogger logger, int socketNumber, string channel, string? lastCursor, int replayed);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Information, Message = "Socket {SocketNumber} finished in state {State}")]
    public static partial void SocketFinished(ILogger logger, int socketNumber, System.Net.WebSockets.WebSocketState state);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Debug, Message = "Socket {SocketNumber} sent a frame that is not a subscribe action; ignored")]
    public static partial void ClientFrameIgnored(ILogger logger, int socketNumber);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Information, Message = "Draining {SocketCount} socket(s), retryAfterMs {RetryAfterMs}")]
    public static partial void DrainStarted(ILogger logger, int socketCount, int retryAfterMs);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Information, Message = "Aborted {SocketCount} socket(s)")]
    public static partial void SocketsAborted(ILogger logger, int socketCount);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "Redelivered {EventCount} unacknowledged event(s)")]
    public static partial void Redelivered(ILogger logger, int eventCount);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Information, Message = "Simulated failure {StatusCode} for {Method} {Path}")]
    public static partial void SimulatedFailure(ILogger logger, string method, string path, int statusCode);
}
