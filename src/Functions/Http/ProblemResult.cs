using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace KadoaBridge.Functions.Http;

/// <summary>
/// A <see cref="ProblemDetails"/> answer, written as ASP.NET Core's <c>Results.Problem</c> writes it: through the
/// registered <see cref="IProblemDetailsService"/> (<see cref="ProblemsServiceCollectionExtensions.AddControlPlaneProblems"/>),
/// which fills in the RFC 9110 <c>type</c> and <c>title</c> of the status, <c>instance</c> and <c>traceId</c>, as
/// <c>application/problem+json</c>. An <see cref="IActionResult"/>, so a function returns it beside its other answers.
/// </summary>
public sealed class ProblemResult(ProblemDetails problem) : IActionResult
{
    /// <summary>The problem as the function built it; the service adds the defaults when it writes.</summary>
    public ProblemDetails Problem { get; } = problem;

    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // A client whose Accept excludes JSON still gets problem+json (the service declines it, Results.Problem writes it).
        return TypedResults.Problem(Problem).ExecuteAsync(context.HttpContext);
    }
}
