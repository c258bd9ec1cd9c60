using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace KadoaBridge.Functions.Http;

/// <summary>
/// What an HTTP function's unexpected exception becomes: a problem+json 500 whose <c>correlationId</c> is also on the
/// error log record that carries the exception, so an operator finds one from the other (it is the trace id, which the
/// problem's <c>traceId</c> also carries). The answer says nothing of the exception (no type, message or stack: they may
/// name hosts, keys or data). Used by
/// <see cref="HttpFailureMiddleware"/> in the isolated worker and by the local host's HTTP endpoints.
/// </summary>
public static partial class HttpFailure
{
    /// <summary>The log category of the failure records.</summary>
    public const string LogCategory = "KadoaBridge.Functions.Http.HttpFailure";

    /// <summary>
    /// Awaits <paramref name="invoke"/>; an exception becomes <see cref="Answer"/>'s result, except a cancellation of
    /// <paramref name="aborted"/> (the caller went away: nobody reads an answer).
    /// </summary>
    public static async Task<object?> InvokeAsync(Func<Task<object?>> invoke, string functionName, string? invocationId, ILogger logger, CancellationToken aborted)
    {
        ArgumentNullException.ThrowIfNull(invoke);
        try
        {
            return await invoke();
        }
        catch (Exception exception) when (!(exception is OperationCanceledException && aborted.IsCancellationRequested))
        {
            return Answer(exception, functionName, invocationId, logger);
        }
    }

    /// <summary>Logs <paramref name="exception"/> with a correlation id and returns the 500 that names only that id.</summary>
    public static ProblemResult Answer(Exception exception, string functionName, string? invocationId, ILogger logger)
    {
        var correlationId = CorrelationId(invocationId);
        LogFailed(logger, exception, functionName, correlationId);
        return Problems.Unexpected(correlationId);
    }

    /// <summary>The W3C trace id of the current activity (the invocation's trace in the telemetry backend), else the invocation id.</summary>
    public static string CorrelationId(string? invocationId) =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.TraceId.ToHexString()
        : invocationId is { Length: > 0 } ? invocationId
        : Guid.NewGuid().ToString("N");

    // Event id from the control plane's HTTP range (820-839) of KadoaBridge.Functions' 800–899 (every range: KadoaBridge.Core.Log).
    [LoggerMessage(820, LogLevel.Error, "HTTP function {Function} failed unexpectedly; it answered 500 with correlation id {CorrelationId}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function, string correlationId);
}
