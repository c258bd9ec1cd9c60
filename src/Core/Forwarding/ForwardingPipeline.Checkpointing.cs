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

    /// <summary>Acknowledgements in flight while they keep up (at most <see cref="ForwardingOptions.AckConcurrency"/>).</summary>
    internal const int SteadyAckConcurrency = 4;

    /// <summary>Waiting acknowledgements from which all of <see cref="ForwardingOptions.AckConcurrency"/> are used.</summary>
    internal const int AckBacklog = 1_000;

    /// <summary>
    /// Stage three: acknowledges each checkpointed delivery as it comes, so a slow ack never holds the budget of what is
    /// already checkpointed. Four at a time while they keep up: each checkpoint releases its acknowledgements together,
    /// and 32 requests at once took the CPU from the frames arriving meanwhile (p99 at 500 events/s about 1.75× the
    /// relay's against 1.35×; docs/performance.md). Up to <see cref="ForwardingOptions.AckConcurrency"/> once
    /// <see cref="AckBacklog"/> wait (a burst), or the acknowledgements would fill their channel and stop the receiver.
    /// A failed ack is not retried here (the HTTP client's resilience handler already did): Kadoa redelivers, and the
    /// CloudEvent id stays the same.
    /// </summary>
    private Task AcknowledgeLoopAsync(CancellationToken cancellationToken) =>
        BacklogDispatcher.RunAsync(
            _acknowledging.Reader, Math.Min(SteadyAckConcurrency, _options.AckConcurrency), _options.AckConcurrency, AckBacklog,
            async deliveryId =>
            {
                try
                {
                    await acks.AcknowledgeAsync(deliveryId, cancellationToken);
                    metrics.OnAcknowledged();
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Stopping: Kadoa redelivers what was not acknowledged.
                }
                catch (Exception e)
                {
                    metrics.OnAckFailed();
                    Log.AckFailed(logger, deliveryId, e);
                }
            },
            cancellationToken);
}
