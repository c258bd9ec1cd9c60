using KadoaBridge.Core.ControlPlane;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace KadoaBridge.Functions.Http;

/// <summary><c>GET /api/status</c>: listener connection and counters, queue depths, delivery backlog, recent ingest failures.</summary>
public sealed class StatusFunction(StatusService status)
{
    [Function("Status")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "status")] HttpRequest request, CancellationToken cancellationToken) =>
        new JsonResult(await status.GetAsync(cancellationToken), ControlPlaneJsonContext.Default.Options);
}
