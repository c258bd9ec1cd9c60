using KadoaBridge.Core.Ingest;
using Microsoft.Azure.Functions.Worker;

namespace KadoaBridge.Functions.Ingest;

/// <summary>Every minute: republish failed deliveries that are due; dead-letter those out of attempts.</summary>
public sealed class RedriveFunction(Redrive redrive)
{
    [Function("Redrive")]
    public async Task RunAsync([TimerTrigger("0 */1 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        await redrive.RunOnceAsync(cancellationToken);
}
