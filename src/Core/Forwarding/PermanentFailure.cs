using Azure;

namespace KadoaBridge.Core.Forwarding;

/// <summary>
/// Which storage answers are about one item and will never change however often it is retried: 4xx answers about the
/// request's content (400 a property or name storage refuses, 404, 409, 412 a lease someone holds, 413, 414 …). Answers
/// about the service or the caller are not: 401/403 (credentials, roles) and 408/429 (time, throttling) are retried like
/// 5xx and network errors, since they hold up every item alike and clear when the cause does.
/// </summary>
public static class PermanentFailure
{
    public static bool Is(RequestFailedException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.Status is >= 400 and < 500 and not (401 or 403 or 408 or 429);
    }
}
