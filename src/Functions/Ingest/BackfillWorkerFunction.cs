using Azure.Storage.Queues.Models;
using KadoaBridge.Core.Reconcile;
using Microsoft.Azure.Functions.Worker;

namespace KadoaBridge.Functions.Ingest;

/// <summary>
/// Background backfill, triggered by queue <c>backfill</c> (connection <c>IngressQueue</c>): each message reads some
/// pages of a job from where it stands and queues the next. Failures throw so the queue retries from the last
/// checkpoint; on the last attempt the job is marked failed with the reason, so <c>GET /api/backfill/{id}</c> shows it.
/// </summary>
public sealed class BackfillWorkerFunction(BackfillService backfill)
{
    [Function("BackfillWorker")]
    public async Task RunAsync([QueueTrigger("backfill", Connection = "IngressQueue")] QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            await backfill.ProcessAsync(message.Body.ToMemory(), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException && message.DequeueCount >= IngestFunction.MaxDequeueCount)
        {
            await backfill.MarkFailedAsync(message.Body.ToMemory(), e, cancellationToken);
            throw;
        }
    }
}
