using Azure.Storage.Queues.Models;
using KadoaBridge.Core.ControlPlane;
using Microsoft.Azure.Functions.Worker;

namespace KadoaBridge.Functions.Ingest;

/// <summary>
/// Background replay, triggered by queue <c>replay</c> (connection <c>IngressQueue</c>): each message republishes one
/// page of a job and queues the next. Failures throw so the queue retries; on the last attempt the job is marked failed
/// with the reason, so <c>GET /api/replay/{id}</c> shows it.
/// </summary>
public sealed class ReplayWorkerFunction(ReplayService replay)
{
    [Function("ReplayWorker")]
    public async Task RunAsync([QueueTrigger("replay", Connection = "IngressQueue")] QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            await replay.ProcessAsync(message.Body.ToMemory(), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException && message.DequeueCount >= IngestFunction.MaxDequeueCount)
        {
            await replay.MarkFailedAsync(message.Body.ToMemory(), e, cancellationToken);
            throw;
        }
    }
}
