using Azure.Storage.Queues;
using KadoaBridge.Core.ControlPlane;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KadoaBridge.Functions;

/// <summary>
/// Samples the backlog for the gauges <c>kadoa.queue.depth</c> (every minute: three property reads) and
/// <c>kadoa.stranded</c> (every fifth minute: counting reads table rows and dead-letter blobs, on every instance), so
/// exporting metrics never waits on storage. Runs while an instance runs (an app scaled to zero reports nothing, and has nothing
/// queued either). A failed read is logged with its exception and never ends the timer: the next read and the next tick go on.
/// </summary>
public sealed partial class BacklogSampler(QueueServiceClient queues, StrandedItems stranded, IngestMetrics metrics, TimeProvider time, ILogger<BacklogSampler> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>Stranded items are counted every this many intervals; the alert on them looks at 15 minutes.</summary>
    public const int StrandedEvery = 5;

    private static readonly string[] Queues = [QueueNames.Ingress, QueueNames.IngressPoison, QueueNames.Replay];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        var tick = 0;
        do
        {
            await SampleAsync(includeStranded: tick++ % StrandedEvery == 0, stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task SampleAsync(bool includeStranded, CancellationToken cancellationToken)
    {
        foreach (var queue in Queues)
        {
            try
            {
                var properties = await queues.GetQueueClient(queue).GetPropertiesAsync(cancellationToken);
                metrics.SetQueueDepth(queue, properties.Value.ApproximateMessagesCountLong);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSampleFailed(logger, queue, e); // the gauge keeps its last value; the other queues are still sampled
            }
        }

        if (!includeStranded)
        {
            return;
        }

        try
        {
            var counts = await stranded.CountAsync(cancellationToken);
            metrics.SetStranded("poison", counts.Poison.Count);
            metrics.SetStranded("deadletters", counts.DeadLetters.Count);
            metrics.SetStranded("quarantine", counts.Quarantine.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSampleFailed(logger, "stranded items", e);
        }
    }

    /// <summary>
    /// Any failure of one read: storage unreachable (the SDK's retries end in an <see cref="AggregateException"/>), an
    /// answer it cannot read. Warning, with the exception: while it lasts the gauges show stale values.
    /// </summary>
    /// <remarks>Event id 801, from KadoaBridge.Functions' range 800–899 (every range: KadoaBridge.Core.Log).</remarks>
    [LoggerMessage(801, LogLevel.Warning, "Could not sample {What}; its gauge keeps the last value until a sample succeeds")]
    private static partial void LogSampleFailed(ILogger logger, string what, Exception exception);
}
