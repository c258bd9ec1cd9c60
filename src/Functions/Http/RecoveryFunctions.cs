using KadoaBridge.Core.ControlPlane;
using KadoaBridge.Core.Ingest;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace KadoaBridge.Functions.Http;

/// <summary>
/// Recovery of stranded events: <c>POST /api/recovery/poison</c> and <c>POST /api/recovery/ingress-deadletters</c> send
/// poison copies and ingress dead letters back through ingest (same ids; at most <c>max</c> per call, <c>remaining</c>
/// says to call again); <c>GET /api/recovery/poison</c> lists the poison copies with their reasons and
/// <c>DELETE /api/recovery/poison/{messageId}</c> discards one.
/// </summary>
public sealed class RecoveryFunctions(RecoveryService recovery)
{
    /// <summary>Largest body read. 1 KiB: the body is at most <c>{"max": n}</c>.</summary>
    public const int MaxBodyBytes = 1024;

    [Function("RequeuePoison")]
    public async Task<IActionResult> RequeuePoisonAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "recovery/poison")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (max, problem) = await ReadMaxAsync(request, cancellationToken);
        return problem ?? Json(await recovery.RequeuePoisonAsync(max, cancellationToken));
    }

    [Function("RequeueIngressDeadLetters")]
    public async Task<IActionResult> RequeueDeadLettersAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "recovery/ingress-deadletters")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (max, problem) = await ReadMaxAsync(request, cancellationToken);
        return problem ?? Json(await recovery.RequeueDeadLettersAsync(max, cancellationToken));
    }

    [Function("ListPoison")]
    public async Task<IActionResult> ListPoisonAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "recovery/poison")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!RecoveryRequestReader.TryReadPage(request.Query, out var pageSize, out var continuationToken, out var errors))
        {
            return Problems.Invalid(errors);
        }

        try
        {
            return new JsonResult(await recovery.ListPoisonAsync(pageSize, continuationToken, cancellationToken), ControlPlaneJsonContext.Default.Options);
        }
        catch (InvalidContinuationTokenException e)
        {
            return Problems.Invalid("continuationToken", e.Message);
        }
    }

    [Function("DiscardPoison")]
    public async Task<IActionResult> DiscardPoisonAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "recovery/poison/{messageId}")] HttpRequest request,
        string messageId,
        CancellationToken cancellationToken)
    {
        if (RecoveryRequestReader.CheckCopyId(messageId) is { } error)
        {
            return Problems.Invalid(error.Field, error.Detail);
        }

        return await recovery.DiscardPoisonAsync(messageId, cancellationToken)
            ? new NoContentResult()
            : Problems.NotFound($"There is no poison copy '{messageId}'.");
    }

    private static JsonResult Json(RecoveryResult result) => new(result, ControlPlaneJsonContext.Default.Options);

    /// <summary><c>max</c> from the query or a JSON body; a body of another content type is 415, an oversized one 413.</summary>
    private static async Task<(int Max, IActionResult? Problem)> ReadMaxAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken) is not { } body)
        {
            return (0, Problems.PayloadTooLarge(MaxBodyBytes));
        }

        if (body.Length > 0 && !request.HasJsonContentType())
        {
            return (0, Problems.UnsupportedMediaType("Send the body as application/json, or leave it out."));
        }

        return RecoveryRequestReader.TryReadMax(request.Query, body, out var max, out var errors)
            ? (max, null)
            : (0, Problems.Invalid(errors));
    }
}
