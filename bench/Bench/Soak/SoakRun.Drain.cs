namespace KadoaBridge.Bench.Soak;

/// <summary>After emitting: wait, bounded and on a condition, for queue retries and redrive to deliver what is left.</summary>
public sealed partial class SoakRun
{
    /// <summary>
    /// Ends when every change reached every topic its rules choose, or when nothing new was accepted on any topic for
    /// <see cref="SoakOptions.QuietPeriod"/> (longer than a redrive and a queue retry), or after <see cref="SoakOptions.MaxDrain"/>.
    /// </summary>
    private async Task<DrainOutcome> DrainAsync(CancellationToken cancellationToken)
    {
        var emitted = _emitted.ToArray();
        var expected = emitted.Sum(change => change.Destinations.Count);
        var start = DateTimeOffset.UtcNow;
        var lastChange = start;
        var lastAccepted = -1L;
        while (true)
        {
            var delivered = 0;
            foreach (var destination in SoakRouting.Destinations)
            {
                var ids = EventGrid.GetAcceptedIdCounts(destination);
                delivered += emitted.Count(change => change.Destinations.Contains(destination) && ids.ContainsKey(change.Id));
            }

            var now = DateTimeOffset.UtcNow;
            if (delivered == expected)
            {
                Note($"drained: every expected delivery arrived, {(now - start).TotalSeconds:F0} s after emitting stopped");
                return new DrainOutcome(true, now - start, "every expected delivery arrived");
            }

            var accepted = EventGrid.GetAccepted(IngressTopic).Count + SoakRouting.Destinations.Sum(d => (long)EventGrid.GetAccepted(d).Count);
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

            if (now - start >= _options.MaxDrain)
            {
                Note($"drain stopped at its bound {_options.MaxDrain.TotalSeconds:F0} s; {expected - delivered} expected deliveries missing");
                return new DrainOutcome(false, now - start, $"bound of {_options.MaxDrain.TotalSeconds:F0} s reached");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }
}

/// <summary>How the drain ended.</summary>
public sealed record DrainOutcome(bool Complete, TimeSpan Took, string Reason);
