namespace KadoaBridge.Bench.Soak;

/// <summary>After emitting: wait, bounded and on a condition, for queue retries and redrive to deliver what is left.</summary>
public sealed partial class SoakRun
{
    /// <summary>
    /// Ends when every change reached every topic its rules choose, the ingress queue is empty and history holds every
    /// change; or when nothing new was accepted on any topic (and the queue did not move) for
    /// <see cref="SoakOptions.QuietPeriod"/> (longer than a redrive and a queue retry), or after <see cref="SoakOptions.MaxDrain"/>.
    /// </summary>
    private async Task<DrainOutcome> DrainAsync(CancellationToken cancellationToken)
    {
        var emitted = _emitted.ToArray();
        var expected = emitted.Sum(change => change.Destinations.Count);
        var start = DateTimeOffset.UtcNow;
        var lastChange = start;
        var lastAccepted = -1L;
        var lastNote = start;
        while (true)
        {
            var delivered = 0;
            foreach (var destination in SoakRouting.Destinations)
            {
                var ids = EventGrid.GetAcceptedIdCounts(destination);
                delivered += emitted.Count(change => change.Destinations.Contains(destination) && ids.ContainsKey(change.Id));
            }

            var now = DateTimeOffset.UtcNow;
            var queued = -1;
            if (delivered == expected)
            {
                // Also done in storage: the ingress queue empty (its count includes messages a killed host still holds)
                // and every change in history.
                queued = await IngressBacklogAsync(cancellationToken);
                if (queued == 0 && await CountInHistoryAsync(emitted, cancellationToken) == emitted.Length)
                {
                    Note($"drained: every expected delivery arrived, the ingress queue is empty and history holds every change, {(now - start).TotalSeconds:F0} s after emitting stopped");
                    return new DrainOutcome(true, now - start, "every expected delivery arrived, queue empty, history complete");
                }
            }

            var accepted = EventGrid.GetAccepted(IngressTopic).Count + SoakRouting.Destinations.Sum(d => (long)EventGrid.GetAccepted(d).Count) + queued;
            if (accepted != lastAccepted)
            {
                lastAccepted = accepted;
                lastChange = now;
            }
            else if (now - lastChange >= _options.QuietPeriod)
            {
                Note($"drain stopped: nothing accepted for {_options.QuietPeriod.TotalSeconds:F0} s; {expected - delivered} expected deliveries missing");
                return new DrainOutcome(false, now - start, $"nothing arrived for {_options.QuietPeriod.TotalSeconds:F0} s");
            }

            if (now - lastNote >= TimeSpan.FromSeconds(10))
            {
                lastNote = now;
                Note($"draining: {delivered} of {expected} expected deliveries arrived; ingress queue {(queued < 0 ? "not read" : queued.ToString(System.Globalization.CultureInfo.InvariantCulture))}");
            }

            if (now - start >= _options.MaxDrain)
            {
                Note($"drain stopped at its bound {_options.MaxDrain.TotalSeconds:F0} s; {expected - delivered} expected deliveries missing");
                return new DrainOutcome(false, now - start, $"bound of {_options.MaxDrain.TotalSeconds:F0} s reached");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    private async Task<int> IngressBacklogAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await CountMessagesAsync(new Azure.Storage.Queues.QueueServiceClient(Azurite.ConnectionString).GetQueueClient(Core.Storage.QueueNames.Ingress), cancellationToken);
        }
        catch (Azure.RequestFailedException)
        {
            return -1;
        }
    }

    private async Task<int> CountInHistoryAsync(EmittedChange[] emitted, CancellationToken cancellationToken)
    {
        var history = await ReadIdsAsync(new Azure.Data.Tables.TableServiceClient(Azurite.ConnectionString).GetTableClient(Core.Storage.TableNames.Changes), filter: null, cancellationToken);
        return emitted.Count(change => history.Contains(change.Id));
    }
}

/// <summary>How the drain ended.</summary>
public sealed record DrainOutcome(bool Complete, TimeSpan Took, string Reason);
