using Azure.Storage.Queues.Models;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Reconcile;
using Microsoft.Azure.Functions.Worker;

namespace KadoaBridge.Functions.Ingest;

/// <summary>
/// Data changes waiting for Kadoa to store their data, triggered by queue <c>enrich</c> (connection <c>IngressQueue</c>;
/// messages are delayed, so a waiting change holds no instance): each attempt asks Kadoa and either ingests the change
/// with its data (or, past <c>Reconcile__EnrichTimeout</c>, as it is) or waits again. Failures throw so the queue retries.
/// </summary>
public sealed class EnrichFunction(DataPendingEnrichment enrichment, IngestService ingest, IngressRequeue requeue)
{
    [Function("Enrich")]
    public async Task RunAsync([QueueTrigger("enrich", Connection = "IngressQueue")] QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (await enrichment.CompleteAsync(message.Body.ToMemory(), cancellationToken) is not { } cloudEvent)
        {
            return; // waits again
        }

        if ((await ingest.IngestAsync(cloudEvent, cancellationToken)).Outcome == IngestOutcome.InProgress && !DataPendingEnrichment.IsPending(cloudEvent))
        {
            // Another copy is being ingested (a gap-fill's, say): hand ours back like any copy. A change that timed out
            // still pending is not handed back (it would wait again): the copy in progress delivers it.
            await requeue.HandBackAsync(cloudEvent, cancellationToken);
        }
    }
}
