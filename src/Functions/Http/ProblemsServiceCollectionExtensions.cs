using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace KadoaBridge.Functions.Http;

/// <summary>Registers ASP.NET Core's problem details service for the control plane's error answers (<see cref="Problems"/>).</summary>
public static class ProblemsServiceCollectionExtensions
{
    /// <summary>
    /// <c>AddProblemDetails</c>, with <c>instance</c> set to the request's path. ASP.NET Core itself sets <c>type</c>
    /// (the RFC 9110 section of the status), <c>title</c> and <c>traceId</c>.
    /// </summary>
    public static IServiceCollection AddControlPlaneProblems(this IServiceCollection services) =>
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Instance ??= Instance(context.HttpContext.Request));

    /// <summary>
    /// The request's path as a relative URI reference (<see href="https://www.rfc-editor.org/rfc/rfc9457#section-3.1.5">RFC 9457 §3.1.5</see>);
    /// never the query, which may carry the function key (<c>?code=</c>). Null when the request has no path.
    /// </summary>
    internal static string? Instance(HttpRequest request)
    {
        var path = request.PathBase.Add(request.Path);
        return path.HasValue ? path.ToUriComponent() : null;
    }
}
