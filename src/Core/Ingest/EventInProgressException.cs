namespace KadoaBridge.Core.Ingest;

/// <summary>Another instance holds the id's processing lease: the message is retried later (by the queue).</summary>
public sealed class EventInProgressException : Exception
{
    public EventInProgressException()
    {
    }

    public EventInProgressException(string message)
        : base(message)
    {
    }

    public EventInProgressException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
