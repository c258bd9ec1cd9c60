using System.Net;

namespace KadoaBridge.Core.Kadoa;

/// <summary>Kadoa answered a REST call with an error. The message carries Kadoa's own message, never the key.</summary>
public sealed class KadoaRequestException : Exception
{
    public KadoaRequestException()
    {
    }

    public KadoaRequestException(string message)
        : base(message)
    {
    }

    public KadoaRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public KadoaRequestException(HttpStatusCode statusCode, string message)
        : base(message) => StatusCode = statusCode;

    /// <summary>Kadoa's HTTP status, or null when no answer came (timeout, connection refused).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>True when Kadoa refused the API key (401/403): retrying soon will not help.</summary>
    public bool KeyRejected => StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
}
