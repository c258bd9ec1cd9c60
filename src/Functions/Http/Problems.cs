using KadoaBridge.Core.Requests;
using KadoaBridge.Core.Kadoa.Provisioning;
using KadoaBridge.Core.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace KadoaBridge.Functions.Http;

/// <summary>
/// The control plane's error answers: RFC 9457 problem details that ASP.NET Core writes (<see cref="ProblemResult"/>),
/// so <c>type</c> is the RFC 9110 section of the status and <c>title</c> its name. Bad input is a validation problem:
/// <c>errors</c> maps every field at fault to its messages, <c>field</c> names the first of them and <c>detail</c>
/// lists them all as <c>field: message</c>. No answer carries a secret or an exception's text.
/// </summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    /// <summary>The extension that names the (first) field at fault: a JSON path, query or route parameter, header, or <c>body</c>.</summary>
    public const string Field = "field";

    /// <summary>400 validation problem: every error, in the order the reader found them.</summary>
    public static ProblemResult Invalid(IEnumerable<InputError> errors) => Invalid(errors.Select(e => (e.Field, e.Detail)));

    /// <inheritdoc cref="Invalid(IEnumerable{InputError})"/>
    public static ProblemResult Invalid(IEnumerable<ProvisioningInputError> errors) => Invalid(errors.Select(e => (e.Field, e.Detail)));

    /// <inheritdoc cref="Invalid(IEnumerable{InputError})"/>
    public static ProblemResult Invalid(IEnumerable<RouteRuleError> errors) => Invalid(errors.Select(e => (e.Path, e.Message)));

    /// <summary>400 validation problem of one field.</summary>
    public static ProblemResult Invalid(string field, string message) => Invalid([(field, message)]);

    public static ProblemResult NotFound(string detail) => Create(StatusCodes.Status404NotFound, detail);

    public static ProblemResult Conflict(string detail) => Create(StatusCodes.Status409Conflict, detail);

    public static ProblemResult PreconditionFailed(string detail) => Create(StatusCodes.Status412PreconditionFailed, detail);

    public static ProblemResult UnsupportedMediaType(string detail) =>
        Create(StatusCodes.Status415UnsupportedMediaType, detail, new Dictionary<string, object?> { [Field] = "Content-Type" });

    /// <summary>413: the body is larger than <paramref name="maxBytes"/>; the detail states the limit.</summary>
    public static ProblemResult PayloadTooLarge(int maxBytes) =>
        Create(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {Limit(maxBytes)}, the most this endpoint reads.",
            new Dictionary<string, object?> { [Field] = "body" });

    /// <summary>500: an unexpected failure. Only <paramref name="correlationId"/> is told (the log has the rest), never the exception.</summary>
    public static ProblemResult Unexpected(string correlationId) =>
        Create(StatusCodes.Status500InternalServerError,
            "Retry later; if it keeps failing, report the correlation id: the log record with that id says what went wrong.",
            new Dictionary<string, object?> { ["correlationId"] = correlationId });

    /// <summary>502: an upstream (Kadoa, Event Grid) failed; <paramref name="detail"/> says which and why, never a secret.</summary>
    /// <param name="extensions">Members added to the problem (what was done before the failure); never a secret.</param>
    public static ProblemResult BadGateway(string detail, IReadOnlyDictionary<string, object?>? extensions = null) =>
        Create(StatusCodes.Status502BadGateway, detail, extensions);

    private static ProblemResult Invalid(IEnumerable<(string Field, string Message)> errors)
    {
        var list = errors.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("A validation problem names at least one field.", nameof(errors));
        }

        // GroupBy keeps the order of first appearance, and so does the dictionary the problem copies it into.
        var byField = list.GroupBy(e => e.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
        var problem = new HttpValidationProblemDetails(byField)
        {
            Status = StatusCodes.Status400BadRequest,
            Detail = string.Join("; ", list.Select(e => $"{e.Field}: {e.Message}")),
        };
        problem.Extensions[Field] = list[0].Field;
        return new ProblemResult(problem);
    }

    private static string Limit(int bytes) => bytes % 1024 == 0 ? $"{bytes / 1024} KiB ({bytes} bytes)" : $"{bytes} bytes";

    private static ProblemResult Create(int status, string detail, IReadOnlyDictionary<string, object?>? extensions = null)
    {
        // Type and title stay unset: ASP.NET Core fills in those of the status (RFC 9110 section links).
        var problem = new ProblemDetails { Status = status, Detail = detail };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }

        return new ProblemResult(problem);
    }
}
