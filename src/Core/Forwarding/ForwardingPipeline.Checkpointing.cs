namespace KadoaBridge.Core.Forwarding;

/// <summary>Stage two: advance the stored cursor, acknowledge each delivery to Kadoa, free the budget.</summary>
public sealed partial class ForwardingPipeline
{
    private volatile string? _teamId;

    /// <summary>The team whose cursor the checkpoint stage advances (from the realtime token).</summary>
    public void UseTeam(string teamId) => _teamId = teamId;

    private async Task CheckpointLoopAsync(CancellationToken cancellationToken)
    {
        var reader = _published.Reader;
        var items = new List<ForwardItem>();
        while (await reader.WaitToReadAsync(cancellationToken))
        {
            items.Clear();
            while (reader.TryRead(out var batch))
            {
                items.AddRange(batch);
            }

            // Checkpoint first: it is what a restart resumes from; acknowledgements only spare Kadoa redeliveries.
            var last = items.FindLast(i => i.Cursor is not null);
            if (last is not null && _teamId is { } team)
            {
                await RetryUntilDoneAsync(ct => AdvanceAsync(team, last, ct), "checkpoint", cancellationToken);
            }

            await AcknowledgeAsync(items, cancellationToken);

            long bytes = 0;
            foreach (var item in items)
            {
                bytes += item.Bytes;
            }

            Budget.Release(items.Count, bytes);
        }
    }

    private async Task AdvanceAsync(string team, ForwardItem last, CancellationToken cancellationToken)
    {
        try
        {
            await checkpoints.AdvanceAsync(team, last.Cursor!, last.FrameTime, cancellationToken);
        }
        catch (Azure.RequestFailedException e) when (PermanentFailure.Is(e))
        {
            // Storage refuses this cursor itself: retrying it would stop every later checkpoint and acknowledgement. The
            // stored checkpoint stays where it was (a restart replays a little more, same ids) and the next cursor moves it.
            metrics.OnCheckpointSkipped();
            Log.CheckpointRefused(logger, last.Cursor!.Length, e.Status, e.ErrorCode);
            return;
        }

        state.OnCheckpoint(new Checkpoint(last.Cursor!, last.FrameTime, time.GetUtcNow()));
    }

    /// <summary>
    /// Acknowledges every delivery id, a bounded number at a time. A failed ack is not retried here (the HTTP client's
    /// resilience handler already did): Kadoa redelivers, and the CloudEvent id stays the same.
    /// </summary>
    private async Task AcknowledgeAsync(List<ForwardItem> items, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.AckConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(items.Where(i => i.DeliveryId is not null), parallel, async (item, ct) =>
        {
            try
            {
                await acks.AcknowledgeAsync(item.DeliveryId!, ct);
                metrics.OnAcknowledged();
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                metrics.OnAckFailed();
                Log.AckFailed(logger, item.DeliveryId!, Describe(e));
            }
        });
    }
}
