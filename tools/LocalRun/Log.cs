namespace KadoaBridge.LocalRun;

/// <summary>
/// The local run's log messages, event ids 5200–5299: event ids are unique across the solution, one range per assembly
/// (every range is listed on KadoaBridge.Core.Log and checked by LogEventIdTests). Failures carry their exception.
/// Correlation keys only: never a connection string or key.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(5200, LogLevel.Warning, "The listener has not subscribed to the Kadoa simulator after {Seconds} s; waiting on")]
    public static partial void NoSubscriber(ILogger logger, double seconds);

    // 521x: queue-triggered functions
    [LoggerMessage(5210, LogLevel.Debug, "Function {Function} completed message {MessageId}")]
    public static partial void QueueMessageCompleted(ILogger logger, string function, string messageId);

    [LoggerMessage(5211, LogLevel.Warning, "Function {Function} failed on message {MessageId} (attempt {DequeueCount} of {MaxDequeueCount})")]
    public static partial void QueueMessageFailed(ILogger logger, string function, string messageId, long dequeueCount, int maxDequeueCount, Exception exception);

    [LoggerMessage(5212, LogLevel.Warning, "Function {Function}: message {MessageId} failed {DequeueCount} attempts; moved to queue {PoisonQueue}")]
    public static partial void QueueMessagePoisoned(ILogger logger, string function, string messageId, long dequeueCount, string poisonQueue);

    [LoggerMessage(5213, LogLevel.Warning, "Queue {Queue}: storage failed; trying again")]
    public static partial void QueueStorageFailed(ILogger logger, string queue, Exception exception);

    // 522x: timer-triggered functions
    [LoggerMessage(5220, LogLevel.Debug, "Timer function {Function} ran")]
    public static partial void TimerRan(ILogger logger, string function);

    [LoggerMessage(5221, LogLevel.Warning, "Timer function {Function} failed")]
    public static partial void TimerFailed(ILogger logger, string function, Exception exception);
}
