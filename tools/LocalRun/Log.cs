namespace KadoaBridge.LocalRun;

/// <summary>The local run's log messages, with stable event ids. Correlation keys only: never a connection string or key.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "The listener has not subscribed to the Kadoa simulator after {Seconds} s; waiting on")]
    public static partial void NoSubscriber(ILogger logger, double seconds);

    [LoggerMessage(101, LogLevel.Debug, "Function {Function} completed message {MessageId}")]
    public static partial void QueueMessageCompleted(ILogger logger, string function, string messageId);

    [LoggerMessage(102, LogLevel.Warning, "Function {Function} failed on message {MessageId} (attempt {DequeueCount} of {MaxDequeueCount}): {ErrorType}: {Error}")]
    public static partial void QueueMessageFailed(ILogger logger, string function, string messageId, long dequeueCount, int maxDequeueCount, string errorType, string error);

    [LoggerMessage(103, LogLevel.Warning, "Function {Function}: message {MessageId} failed {DequeueCount} attempts; moved to queue {PoisonQueue}")]
    public static partial void QueueMessagePoisoned(ILogger logger, string function, string messageId, long dequeueCount, string poisonQueue);

    [LoggerMessage(104, LogLevel.Warning, "Queue {Queue}: storage failed ({Error}); trying again")]
    public static partial void QueueStorageFailed(ILogger logger, string queue, string error);

    [LoggerMessage(201, LogLevel.Debug, "Timer function {Function} ran")]
    public static partial void TimerRan(ILogger logger, string function);

    [LoggerMessage(202, LogLevel.Warning, "Timer function {Function} failed: {ErrorType}: {Error}")]
    public static partial void TimerFailed(ILogger logger, string function, string errorType, string error);
}
