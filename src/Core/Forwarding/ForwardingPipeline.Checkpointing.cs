namespace KadoaBridge.Core.Forwarding;

/// <summary>
/// Stage two: advance the stored cursor, free the budget of what it covers and hand those deliveries to stage three,
/// which acknowledges them to Kadoa; at most one cursor write per <see cref="ForwardingOptions.CheckpointInterval"/>,
/// for everything published meanwhile (also when no more events come, and when the pipeline stops).
/// </summary>
public sealed partial class ForwardingPipeline
{
    private volatile string? _teamId;

    /// <summary>The team whose cursor the checkpoint stage advances (from the realtime token).</summary>
    public void UseTeam(string teamId) => _teamId = teamId;

    private async Task CheckpointLoopAsync(CancellationToken cancellationToken)
    {
        var reader = _published.Reader;
        var items = new List<ForwardItem>(); // published, not yet acknowledged: they wait for the cursor that covers them
        var lastWrite = long.MinValue;
        while (true)
        {
            var due = items.Count == 0 ? (TimeSpan?)null
                : lastWrite == long.MinValue ? TimeSpan.Zero : _options.CheckpointInterval - time.GetElapsedTime(lastWrite);
            var open = await WaitForPublishedAsync(reader, due, cancellationToken);
            while (reader.TryRead(out var batch))
            {
                items.AddRange(batch);
            }

            if (items.Count == 0)
            {
                if (!open)
                {
                    return;
                }

                continue;
            }

            if (open && lastWrite != long.MinValue && time.GetElapsedTime(lastWrite) < _options.CheckpointInterval)
            {
                continue; // more may join before the interval is up: one write for all of them
            }

            // Checkpoint first: it is what a restart resumes from; acknowledgements only spare Kadoa redeliveries, so
            // nothing is acknowledged that a restart would not find behind the stored cursor.
            var last = items.FindLast(i => i.Cursor is not null);
            if (last is not null && _teamId is { } team)
            {
                await RetryUntilDoneAsync(ct => AdvanceAsync(team, last, ct), "checkpoint", cancellationToken);
            }

            lastWrite = time.GetTimestamp();
            long bytes = 0;
            foreach (var item in items)
            {
                bytes += item.Bytes;
                if (item.DeliveryId is { } deliveryId)
                {
                    await _acknowledging.Writer.WriteAsync(deliveryId, cancellationToken); // waits while Kadoa is slow to take acks
                }
            }

            Budget.Release(items.Count, bytes);
            items.Clear();
            if (!open)
            {
                _acknowledging.Writer.TryComplete();
                return;
            }
        }
    }

    /// <summary>False once the stage is complete; otherwise true when published items are waiting or <paramref name="due"/> has passed.</summary>
    private async Task<bool> WaitForPublishedAsync(System.Threading.Channels.ChannelReader<ForwardItem[]> reader, TimeSpan? due, CancellationToken cancellationToken)
    {
        if (due is not { } wait)
        {
            return await reader.WaitToReadAsync(cancellationToken);
        }

        if (wait <= TimeSpan.Zero)
        {
            return !reader.Completion.IsCompleted || reader.TryPeek(out _);
        }

        using var timer = new CancellationTokenSource(wait, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            return await reader.WaitToReadAsync(linked.Token);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return true; // the pending cursor is due
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
            Log.CheckpointRefused(logger, last.Cursor!.Length, e.Status, e.ErrorCode, e);
            return;
        }

        state.OnCheckpoint(last.Cursor!, last.FrameTime, time.GetUtcNow());
    }

    /// <summary>
    /// Stage three: acknowledges each checkpointed delivery as it comes, up to <see cref="ForwardingOptions.AckConcurrency"/>
    /// at a time, so a slow ack never holds the budget of what is already checkpointed. (Suspected, not yet measured on
    /// a quiet machine: acks sent all at once after each checkpoint queue dozens of HTTP continuations ahead of the next
    /// frames, a part of the listener's latency tail.) A failed ack is not retried here (the HTTP client's resilience
    /// handler already did): Kadoa redelivers, and the CloudEvent id stays the same.
    /// </summary>
    private async Task AcknowledgeLoopAsync(CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.AckConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(_acknowledging.Reader.ReadAllAsync(cancellationToken), parallel, async (deliveryId, ct) =>
        {
            try
            {
                await acks.AcknowledgeAsync(deliveryId, ct);
                metrics.OnAcknowledged();
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                metrics.OnAckFailed();
                Log.AckFailed(logger, deliveryId, e);
            }
        });
    }
}
