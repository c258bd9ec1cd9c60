namespace KadoaBridge.EventGridEmulator;

/// <summary>
/// The emulator's log messages, event ids 5100–5199: event ids are unique across the solution, one range per assembly
/// (every range is listed on KadoaBridge.Core.Log and checked by LogEventIdTests). Never logs keys or connection strings.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Event Grid emulator listening on {BaseAddress} with {TopicCount} topics")]
    public static partial void EmulatorStarted(ILogger logger, Uri baseAddress, int topicCount);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Debug, Message = "Rejected a publish request to topic {Topic}: {StatusCode} {Code}: {Reason}")]
    public static partial void PublishRejected(ILogger logger, string topic, int statusCode, string code, string reason);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "Subscription {Subscription} added on topic {Topic}, delivering to {Destination}")]
    public static partial void SubscriptionAdded(ILogger logger, string subscription, string topic, string destination);

    /// <summary><paramref name="exception"/> is null when the destination answered (a status) rather than threw.</summary>
    [LoggerMessage(EventId = 5104, Level = LogLevel.Debug, Message = "Delivery of event {EventId} to subscription {Subscription} failed on attempt {Attempt} ({StatusCode}): {Error}; next attempt in {Delay}")]
    public static partial void DeliveryAttemptFailed(ILogger logger, string eventId, string subscription, int attempt, int? statusCode, string? error, TimeSpan delay, Exception? exception);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Warning, Message = "Event {EventId} dead-lettered by subscription {Subscription} after {Attempts} attempts: {Reason}")]
    public static partial void DeadLettered(ILogger logger, string eventId, string subscription, int attempts, string reason);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Information, Message = "Fault injected into topic {Topic}: {Fault}")]
    public static partial void FaultInjected(ILogger logger, string topic, FaultSpec fault);

    [LoggerMessage(EventId = 5107, Level = LogLevel.Error, Message = "Delivery of event {EventId} to subscription {Subscription} threw unexpectedly on attempt {Attempt}")]
    public static partial void DeliveryCrashed(ILogger logger, Exception exception, string eventId, string subscription, int attempt);

    [LoggerMessage(EventId = 5108, Level = LogLevel.Warning, Message = "Could not write dead-lettered event {EventId} of subscription {Subscription} to blob container {Container}; it is kept in memory only")]
    public static partial void DeadLetterWriteFailed(ILogger logger, Exception exception, string eventId, string subscription, string container);
}
