using KadoaBridge.Core.Kadoa;
using KadoaBridge.Core.Kadoa.Provisioning;
using KadoaBridge.Core.Reconcile;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace KadoaBridge.Functions.Http;

/// <summary>
/// Provisioning over HTTP (function key): <c>POST /api/setup</c> subscribes workflows (or the workspace) to the bridge's
/// WebSocket channel, <c>GET /api/setup</c> shows Kadoa's state beside the record, <c>DELETE
/// /api/setup/workflows/{workflowId}</c> unlinks a workflow, <c>POST /api/setup/test</c> asks Kadoa for a test event.
/// </summary>
public sealed class SetupFunctions(ProvisioningService provisioning, GapFillService gapFill)
{
    /// <summary>Largest accepted body. 64 KiB (100 workflow ids take under 7 KiB).</summary>
    private const int MaxBodyBytes = 64 * 1024;

    [Function("SetupApply")]
    public async Task<IActionResult> ApplyAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "setup")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, problem) = await ReadJsonBodyAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!ProvisioningRequestReader.TryReadSetup(body, out var setup, out var errors))
        {
            return Problems.Invalid(errors);
        }

        var result = await provisioning.SetupAsync(setup, cancellationToken);
        await gapFill.MarkSetUpAsync(result, cancellationToken);
        return result.Failure is { } failure ? Failed(failure, "progress", result) : new OkObjectResult(result);
    }

    [Function("SetupShow")]
    public async Task<IActionResult> ShowAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "setup")] HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return new OkObjectResult(await provisioning.GetStatusAsync(cancellationToken));
        }
        catch (KadoaRequestException e)
        {
            return Failed(ProvisioningFailure.From(e, "status"), null, null);
        }
    }

    [Function("SetupUnlinkWorkflow")]
    public async Task<IActionResult> UnlinkAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "setup/workflows/{workflowId}")] HttpRequest request,
        string workflowId,
        CancellationToken cancellationToken)
    {
        if (ProvisioningRequestReader.CheckWorkflowId(workflowId, "workflowId") is { } error)
        {
            return Problems.Invalid(error.Field, error.Detail);
        }

        var result = await provisioning.UnlinkAsync(workflowId, cancellationToken);
        return result.Failure is { } failure ? Failed(failure, "progress", result) : new OkObjectResult(result);
    }

    [Function("SetupTest")]
    public async Task<IActionResult> TestAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "setup/test")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, problem) = await ReadJsonBodyAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!ProvisioningRequestReader.TryReadTest(body, out var test, out var errors))
        {
            return Problems.Invalid(errors);
        }

        try
        {
            return new OkObjectResult(await provisioning.SendTestEventAsync(test, cancellationToken));
        }
        catch (KadoaRequestException e)
        {
            return Failed(ProvisioningFailure.From(e, "test"), null, null);
        }
    }

    /// <summary>502: Kadoa refused the key, or failed after the retries. The problem carries what was done before.</summary>
    private static ProblemResult Failed(ProvisioningFailure failure, string? progressName, object? progress)
    {
        var detail = failure.KeyRejected
            ? $"Kadoa refused the API key ({failure.KadoaStatus}): check the Kadoa__ApiKey setting."
            : failure.Message;
        var extensions = new Dictionary<string, object?> { ["failure"] = failure };
        if (progressName is not null)
        {
            extensions[progressName] = progress;
        }

        return Problems.BadGateway(detail, extensions);
    }

    /// <summary>The body, if any, as JSON bytes: a non-JSON content type is 415, an oversized body 413.</summary>
    private static async Task<(ReadOnlyMemory<byte> Body, IActionResult? Problem)> ReadJsonBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken) is not { } body)
        {
            return (default, Problems.PayloadTooLarge(MaxBodyBytes));
        }

        var hasType = !string.IsNullOrEmpty(request.ContentType);
        if ((hasType || body.Length > 0) && !request.HasJsonContentType())
        {
            return (default, Problems.UnsupportedMediaType("Send the body as application/json."));
        }

        return (body, null);
    }
}
