using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;

namespace KadoaBridge.Core.Kadoa;

/// <summary>
/// Logs each attempt of a Kadoa HTTP call: method, path, status, duration. It replaces HttpClientFactory's
/// default loggers, whose trace-level structured state carries request header values unredacted (the API key)
/// even where the formatted message shows <c>*</c>.
/// </summary>
internal sealed class KadoaCallLogger(ILogger<KadoaCallLogger> logger) : IHttpClientLogger
{
    public object? LogRequestStart(HttpRequestMessage request) => null;

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed) =>
        Log.KadoaCallCompleted(logger, request.Method.Method, request.RequestUri?.AbsolutePath, (int)response.StatusCode, (long)elapsed.TotalMilliseconds);

    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed) =>
        Log.KadoaCallFailed(logger, request.Method.Method, request.RequestUri?.AbsolutePath, (long)elapsed.TotalMilliseconds, exception);
}
