using KadoaBridge.Core.ControlPlane;
using KadoaBridge.Core.Ingest;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace KadoaBridge.Functions.Http;

/// <summary><c>GET /api/changes</c> (history, newest first, paged) and <c>GET /api/changes/{workflowId}/{changeId}</c> (one change with its snapshot).</summary>
public sealed class ChangesFunctions(ChangeHistory history, TimeProvider time)
{
    [Function("ListChanges")]
    public async Task<IActionResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "changes")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ChangeQueryReader.TryRead(request.Query, time.GetUtcNow(), out var query, out var errors))
        {
            return Problems.Invalid(errors);
        }

        try
        {
            return new JsonResult(await history.QueryAsync(query, cancellationToken), ControlPlaneJsonContext.Default.Options);
        }
        catch (InvalidContinuationTokenException e)
        {
            return Problems.Invalid("continuationToken", e.Message);
        }
    }

    [Function("GetChange")]
    public async Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "changes/{workflowId}/{changeId}")] HttpRequest request,
        string workflowId,
        string changeId,
        CancellationToken cancellationToken)
    {
        if (ChangeQueryReader.CheckRoute(workflowId, changeId) is { Count: > 0 } errors)
        {
            return Problems.Invalid(errors);
        }

        return await history.GetAsync(workflowId, changeId, cancellationToken) is { } change
            ? new JsonResult(change, ControlPlaneJsonContext.Default.Options)
            : Problems.NotFound($"Workflow '{workflowId}' has no stored change '{changeId}'.");
    }
}
