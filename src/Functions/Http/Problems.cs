using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace KadoaBridge.Functions.Http;

/// <summary>RFC 9457 problem+json answers. Bad input names the field at fault.</summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    /// <summary>400: <paramref name="field"/> is the JSON path or query parameter at fault.</summary>
    public static ObjectResult BadRequest(string field, string detail) =>
        Create(StatusCodes.Status400BadRequest, "The request is invalid.", detail, new Dictionary<string, object?> { ["field"] = field });

    public static ObjectResult NotFound(string detail) => Create(StatusCodes.Status404NotFound, "Not found.", detail);

    public static ObjectResult Conflict(string detail) => Create(StatusCodes.Status409Conflict, "Conflict.", detail);

    public static ObjectResult PreconditionFailed(string detail) => Create(StatusCodes.Status412PreconditionFailed, "The resource changed.", detail);

    public static ObjectResult UnsupportedMediaType(string detail) =>
        Create(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type.", detail, new Dictionary<string, object?> { ["field"] = "Content-Type" });

    /// <summary>413: the body is larger than <paramref name="maxBytes"/>; the detail states the limit.</summary>
    public static ObjectResult PayloadTooLarge(int maxBytes) =>
        Create(StatusCodes.Status413PayloadTooLarge, "The body is too large.", $"The body is larger than {Limit(maxBytes)}, the most this endpoint reads.",
            new Dictionary<string, object?> { ["field"] = "body" });

    /// <summary>500: an unexpected failure. Only <paramref name="correlationId"/> is told (the log has the rest), never the exception.</summary>
    public static ObjectResult Unexpected(string correlationId) =>
        Create(StatusCodes.Status500InternalServerError, "The request failed unexpectedly.",
            "Retry later; if it keeps failing, report the correlation id: the log record with that id says what went wrong.",
            new Dictionary<string, object?> { ["correlationId"] = correlationId });

    /// <summary>502: an upstream (Kadoa, Event Grid) failed; <paramref name="detail"/> says which and why, never a secret.</summary>
    public static ObjectResult BadGateway(string detail) => Create(StatusCodes.Status502BadGateway, "An upstream service failed.", detail);

    private static string Limit(int bytes) => bytes % 1024 == 0 ? $"{bytes / 1024} KiB ({bytes} bytes)" : $"{bytes} bytes";

    private static ObjectResult Create(int status, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = $"https://httpstatuses.io/{status}" };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }

        var result = new ObjectResult(problem) { StatusCode = status };
        result.ContentTypes.Add(ContentType);
        return result;
    }
}
