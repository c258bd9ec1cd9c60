using KadoaBridge.Core.ControlPlane;
using KadoaBridge.Core.Routing;
using KadoaBridge.Core.Routing.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Functions.Http;

/// <summary>
/// Routing rules: <c>GET /api/routes</c>, <c>GET|PUT|DELETE /api/routes/{name}</c> (ETag / <c>If-Match</c> /
/// <c>If-None-Match: *</c>) and <c>POST /api/routes/test</c> (dry run). Bodies are JSON; invalid input is a 400
/// problem+json whose <c>field</c> is the JSON path (or header) at fault.
/// </summary>
public sealed class RoutesFunctions(RouteStore store, RouteRuleReader reader, RouteDryRun dryRun, IOptions<RoutingOptions> routing)
{
    private const string JsonContentType = "application/json";

    [Function("ListRoutes")]
    public async Task<IActionResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "routes")] HttpRequest request, CancellationToken cancellationToken)
    {
        var rules = await store.ListAsync(cancellationToken);
        return Json(StatusCodes.Status200OK, RouteJson.SerializeList(rules.Select(r => r.Rule), UnmatchedRoute.Describe(routing.Value)));
    }

    [Function("GetRoute")]
    public async Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "routes/{name}")] HttpRequest request, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await store.GetAsync(name, cancellationToken) is not { } stored)
        {
            return NoSuchRule(name);
        }

        request.HttpContext.Response.Headers.ETag = stored.ETag;
        return Json(StatusCodes.Status200OK, RouteJson.Serialize(stored.Rule));
    }

    [Function("PutRoute")]
    public async Task<IActionResult> PutAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "routes/{name}")] HttpRequest request, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            return Problems.UnsupportedMediaType("Send the rule as application/json.");
        }

        if (!RoutePrecondition.TryParse(request.Headers.IfMatch, request.Headers.IfNoneMatch, out var precondition, out var headerError))
        {
            return Problems.Invalid([headerError]);
        }

        if (await RequestBody.ReadAsync(request, RouteRuleReader.MaxRuleBytes, cancellationToken) is not { } body)
        {
            return Problems.PayloadTooLarge(RouteRuleReader.MaxRuleBytes);
        }

        var read = reader.Read(body, name);
        if (read.Rule is null)
        {
            return Problems.Invalid(read.Errors);
        }

        var result = await store.PutAsync(read.Rule, precondition, cancellationToken);
        switch (result.Status)
        {
            case RouteWriteStatus.AlreadyExists:
                return Problems.PreconditionFailed($"A routing rule named '{name}' already exists (If-None-Match: *). Read it and send its ETag as If-Match to replace it.");
            case RouteWriteStatus.PreconditionFailed:
                return Changed(name);
        }

        request.HttpContext.Response.Headers.ETag = result.ETag;
        if (result.Status == RouteWriteStatus.Created)
        {
            request.HttpContext.Response.Headers.Location = $"/api/routes/{name}";
        }

        return Json(result.Status == RouteWriteStatus.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK, RouteJson.Serialize(read.Rule));
    }

    [Function("DeleteRoute")]
    public async Task<IActionResult> DeleteAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "routes/{name}")] HttpRequest request, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!RoutePrecondition.TryParse(request.Headers.IfMatch, request.Headers.IfNoneMatch, out var precondition, out var headerError))
        {
            return Problems.Invalid([headerError]);
        }

        if (precondition.CreateOnly)
        {
            return Problems.Invalid("If-None-Match", "DELETE takes If-Match only.");
        }

        return (await store.DeleteAsync(name, precondition, cancellationToken)).Status switch
        {
            RouteWriteStatus.Deleted => new NoContentResult(),
            RouteWriteStatus.NotFound => NoSuchRule(name),
            _ => Changed(name),
        };
    }

    [Function("TestRoutes")]
    public async Task<IActionResult> TestAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "routes/test")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            return Problems.UnsupportedMediaType("""Send a CloudEvent or {"changeId": "..."} as application/json.""");
        }

        if (await RequestBody.ReadAsync(request, RouteDryRunRequest.MaxBytes, cancellationToken) is not { } body)
        {
            return Problems.PayloadTooLarge(RouteDryRunRequest.MaxBytes);
        }

        if (!RouteDryRunRequest.TryParse(body, out var dryRunRequest, out var errors))
        {
            return Problems.Invalid(errors);
        }

        try
        {
            return await dryRun.RunAsync(dryRunRequest, cancellationToken) is { } report
                ? Json(StatusCodes.Status200OK, RouteJson.Serialize(report))
                : Problems.NotFound($"No stored change has the id '{dryRunRequest.ChangeId}'.");
        }
        catch (RouteRuleValidationException e)
        {
            return Problems.Conflict($"The stored rules do not compile under the current configuration: {e.Message}");
        }
    }

    private static ProblemResult NoSuchRule(string name) => Problems.NotFound($"No routing rule is named '{name}'.");

    private static ProblemResult Changed(string name) =>
        Problems.PreconditionFailed($"The routing rule '{name}' changed or was deleted since the ETag you sent was read. Read it again and retry.");

    private static ContentResult Json(int status, string json) => new() { StatusCode = status, Content = json, ContentType = JsonContentType };
}
