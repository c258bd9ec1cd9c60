namespace KadoaBridge.Core.Delivery;

/// <summary>
/// Delivering an event stopped on a failure that could not be recorded for redrive (storage is failing): the message
/// must be retried, and <see cref="Published"/> says which destinations already have the event so the retry skips them.
/// </summary>
public sealed class DeliveryIncompleteException : Exception
{
    public DeliveryIncompleteException()
    {
    }

    public DeliveryIncompleteException(string message)
        : base(message)
    {
    }

    public DeliveryIncompleteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DeliveryIncompleteException(IReadOnlyCollection<string> published, Exception innerException)
        : base(innerException?.Message, innerException) => Published = published;

    /// <summary>Destinations that accepted the event.</summary>
    public IReadOnlyCollection<string> Published { get; } = [];
}
