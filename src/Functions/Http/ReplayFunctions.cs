using KadoaBridge.Core.ControlPlane;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace KadoaBridge.Functions.Http;

/// <summary>
/// <c>POST /api/replay</c>: republish stored changes with their original ids (200 with the ids when it ran inline, 202
/// with a <c>Location</c> when it runs in the background) and <c>GET /api/replay/{id}</c>: a background replay's progress.
/// </summary>
public sealed class ReplayFunctions(ReplayService replay)
{
    /// <summary>Largest body read. 16 KiB: a replay request is a few fields.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    [Function("StartReplay")]
    public async Task<IActionResult> StartAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "replay")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            return Problems.UnsupportedMediaType("Send the replay request as application/json.");
        }

        if (await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken) is not { } body)
        {
            return Problems.PayloadTooLarge(MaxBodyBytes);
        }

        if (!ReplayRequestReader.TryRead(body, out var replayRequest, out var errors))
        {
            return Problems.Invalid(errors);
        }

        if (replay.Validate(replayRequest) is { Count: > 0 } invalid)
        {
            return Problems.Invalid(invalid);
        }

        var job = await replay.StartAsync(replayRequest, cancellationToken);
        if (job.Id is null)
        {
            return new JsonResult(job, ControlPlaneJsonContext.Default.Options);
        }

        request.HttpContext.Response.Headers.Location = $"/api/replay/{job.Id}";
        return new JsonResult(job, ControlPlaneJsonContext.Default.Options) { StatusCode = StatusCodes.Status202Accepted };
    }

    [Function("GetReplay")]
    public async Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "replay/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        if (id is not { Length: 32 } || !id.All(char.IsAsciiHexDigitLower))
        {
            return Problems.Invalid("id", "A replay id is the 32 lowercase hex digits POST /api/replay returned.");
        }

        return await replay.GetAsync(id, cancellationToken) is { } job
            ? new JsonResult(job, ControlPlaneJsonContext.Default.Options)
            : Problems.NotFound($"There is no replay '{id}'.");
    }
}
