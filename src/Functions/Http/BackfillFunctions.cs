using KadoaBridge.Core.Reconcile;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace KadoaBridge.Functions.Http;

/// <summary>
/// <c>POST /api/backfill</c>: ingest what Kadoa recorded in a range and history lacks (202 with a <c>Location</c>; it
/// runs in the background) and <c>GET /api/backfill/{id}</c>: its progress.
/// </summary>
public sealed class BackfillFunctions(BackfillService backfill)
{
    /// <summary>Largest body read. 16 KiB: 100 workflow ids take under 7 KiB.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    [Function("StartBackfill")]
    public async Task<IActionResult> StartAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "backfill")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            return Problems.UnsupportedMediaType("Send the backfill request as application/json.");
        }

        if (await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken) is not { } body)
        {
            return Problems.PayloadTooLarge(MaxBodyBytes);
        }

        if (!BackfillRequestReader.TryRead(body, out var read, out var errors))
        {
            return Problems.Invalid(errors);
        }

        var (validated, invalid) = await backfill.ValidateAsync(read, cancellationToken);
        if (invalid is not null)
        {
            return Problems.Invalid(invalid.Field, invalid.Detail);
        }

        var job = await backfill.StartAsync(validated!, cancellationToken);
        request.HttpContext.Response.Headers.Location = $"/api/backfill/{job.Id}";
        return new JsonResult(job, ReconcileJsonContext.Default.Options) { StatusCode = StatusCodes.Status202Accepted };
    }

    [Function("GetBackfill")]
    public async Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "backfill/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        if (id is not { Length: 32 } || !id.All(char.IsAsciiHexDigitLower))
        {
            return Problems.Invalid("id", "A backfill id is the 32 lowercase hex digits POST /api/backfill returned.");
        }

        return await backfill.GetAsync(id, cancellationToken) is { } job
            ? new JsonResult(job, ReconcileJsonContext.Default.Options)
            : Problems.NotFound($"There is no backfill '{id}'.");
    }
}
