using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace KadoaBridge.Functions.Http;

/// <summary><c>GET /api/health</c>: anonymous liveness.</summary>
public sealed class HealthFunction
{
    [Function("Health")]
    public static IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        new OkObjectResult(new { status = "alive" });
}
