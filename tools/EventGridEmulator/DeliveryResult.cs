namespace KadoaBridge.EventGridEmulator;

/// <summary>The outcome of one delivery attempt.</summary>
internal readonly record struct DeliveryResult(bool Succeeded, int? StatusCode, string? Error)
{
    /// <summary>
    /// Event Grid does not retry these answers and dead-letters at once: 400, 401, 403, 413
    /// (https://learn.microsoft.com/azure/event-grid/delivery-and-retry#retry-schedule).
    /// </summary>
    public bool Retryable => StatusCode is not (400 or 401 or 403 or 413);

    public static DeliveryResult Success(int statusCode) => new(true, statusCode, null);

    public static DeliveryResult Failure(int? statusCode, string error) => new(false, statusCode, error);
}
