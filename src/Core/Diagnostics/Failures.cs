using System.Text;
using System.Text.RegularExpressions;
using Azure;

namespace KadoaBridge.Core.Diagnostics;

/// <summary>
/// The one place that decides what the bridge makes of a failure: whether retrying the same request can help
/// (<see cref="IsRejection"/>) and what of an exception may be written where a log record's exception does not go — a
/// status row, a stored reason, a response (<see cref="Describe"/>). Log records carry the exception itself
/// (<c>[LoggerMessage]</c> methods take it as a parameter), so stack traces and exception telemetry survive.
/// </summary>
public static partial class Failures
{
    /// <summary>Longest text <see cref="Describe"/> returns, in characters: 300.</summary>
    public const int MaxDescriptionLength = 300;

    private const string Redacted = "[redacted]";

    /// <summary>
    /// True when Event Grid (the ingress topic or a destination) refuses the events themselves: 400 Bad Request (an
    /// event it cannot take) or 413 Payload Too Large. Retrying the same bytes cannot help. Every other answer (401/403
    /// credentials or roles, 404, 408, 429, 5xx) and a fault without an answer clear when their cause does, so they
    /// are retried.
    /// </summary>
    public static bool IsRejection(Exception exception) => exception is RequestFailedException { Status: 400 or 413 };

    /// <summary>
    /// The failure in words: the exception's (public) type, for a service's answer its status and error code, then the first
    /// line of the message (an Azure answer's first line is the service's own sentence; the lines after it repeat the
    /// response's content and headers). URLs keep scheme, host and path only (a SAS or token lives in the query or the
    /// user info), known secret settings (<c>AccountKey=</c>, <c>sig=</c>, <c>access_token=</c>, <c>Bearer</c> …) lose their
    /// value, and the text is cut at <see cref="MaxDescriptionLength"/>. An <see cref="AggregateException"/> (the Azure
    /// SDK's retries wrap each attempt) is described by its first inner exception.
    /// </summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        while (exception is AggregateException { InnerExceptions: [var first, ..] })
        {
            exception = first;
        }

        var text = new StringBuilder(PublicTypeName(exception));
        if (exception is RequestFailedException answer)
        {
            text.Append(answer.Status == 0 ? " (no answer)" : $" ({answer.Status}{(answer.ErrorCode is { Length: > 0 } code ? " " + code : "")})");
        }

        var line = FirstLine(exception.Message);
        if (line.Length > 0)
        {
            text.Append(": ").Append(Sanitize(line));
        }

        return text.Length <= MaxDescriptionLength ? text.ToString() : string.Concat(text.ToString(0, MaxDescriptionLength - 1), "…");
    }

    /// <summary>The name of the nearest public type: System.Text.Json throws its internal JsonReaderException as a <see cref="System.Text.Json.JsonException"/>.</summary>
    private static string PublicTypeName(Exception exception)
    {
        var type = exception.GetType();
        while (type.BaseType is { } parent && !(type.IsPublic || type.IsNestedPublic))
        {
            type = parent;
        }

        return type.Name;
    }

    private static string FirstLine(string message)
    {
        var end = message.AsSpan().IndexOfAny('\r', '\n');
        return (end < 0 ? message : message[..end]).Trim();
    }

    private static string Sanitize(string text)
    {
        text = Url().Replace(text, match => match.Groups["scheme"].Value + match.Groups["rest"].Value + (match.Groups["query"].Success ? "?" + Redacted : ""));
        text = SecretSetting().Replace(text, match => match.Groups["name"].Value + match.Groups["separator"].Value + Redacted);
        return BearerToken().Replace(text, "Bearer " + Redacted);
    }

    /// <summary>An absolute URL: scheme, optional user info (dropped), host and path (kept), optional query or fragment (replaced).</summary>
    [GeneratedRegex("""(?<scheme>\b[a-z][a-z0-9+.-]*://)(?:[^/\s@'"<>]*@)?(?<rest>[^\s?#'"<>]*)(?<query>[?#][^\s'"<>]*)?""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Url();

    /// <summary>A setting whose value is a secret, in connection-string, query or header form.</summary>
    [GeneratedRegex("""\b(?<name>AccountKey|SharedAccessKey|SharedAccessSignature|sig|access_token|x-api-key|api[-_]?key|aeg-sas-key|aeg-sas-token|password|pwd)(?<separator>\s*[=:]\s*)[^\s;&,'"]+""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretSetting();

    [GeneratedRegex("""\bBearer\s+[^\s,;'"]+""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BearerToken();
}
