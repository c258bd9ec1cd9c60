namespace KadoaBridge.EventGridEmulator;

/// <summary>The outcome of one delivery attempt.</summary>
internal readonly record struct DeliveryResult(bool Succeeded, int? StatusCode, string? Error)
{
    /// <summary>True when the attempt got no answer within the delivery timeout.</summary>
    public bool TimedOut { get; init; }

    /// <summary>What the destination threw, when it threw rather than answered: logged with the attempt.</summary>
    public Exception? Exception { get; init; }

    /// <summary>
    /// Event Grid does not retry these answers and dead-letters at once: 400, 401, 403, 413
    /// (https://learn.microsoft.com/azure/event-grid/delivery-and-retry#retry-schedule).
    /// </summary>
    public bool Retryable => StatusCode is not (400 or 401 or 403 or 413);

    /// <summary>
    /// Event Grid's <c>lastdeliveryoutcome</c> for this attempt, from the documented values
    /// (https://learn.microsoft.com/azure/event-grid/delivery-and-retry#dead-letter-events).
    /// </summary>
    public string Outcome => StatusCode switch
    {
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        408 => "TimedOut",
        413 => "PayloadTooLarge",
        >= 500 or 429 => "Busy",
        null when TimedOut => "TimedOut",
        null => "SocketError",
        _ => "Aborted",
    };

    public static DeliveryResult Success(int statusCode) => new(true, statusCode, null);

    public static DeliveryResult Failure(int? statusCode, string error, Exception? exception = null) => new(false, statusCode, error) { Exception = exception };
}
