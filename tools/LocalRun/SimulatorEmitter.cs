using System.Diagnostics;
using Simulator = KadoaBridge.KadoaSimulator.KadoaSimulator;

namespace KadoaBridge.LocalRun;

/// <summary>
/// Emits realistic <c>workflow_data_change</c> events from the simulator at a steady rate, round-robin over
/// <c>wf-1</c>..<c>wf-N</c>, once the listener has subscribed (events before that would reach no socket).
/// </summary>
internal static class SimulatorEmitter
{
    private static readonly TimeSpan SubscriberWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MinDelay = TimeSpan.FromMilliseconds(1);

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled; never throws on cancellation.</summary>
    public static async Task RunAsync(Simulator kadoa, double eventsPerSecond, int workflows, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                try
                {
                    await kadoa.WaitForSubscribersAsync(1, SubscriberWait, cancellationToken);
                    break;
                }
                catch (TimeoutException)
                {
                    Log.NoSubscriber(logger, SubscriberWait.TotalSeconds);
                }
            }

            // Event i is due i/rate seconds after the start; events that are due go out together, so the rate holds.
            var start = Stopwatch.GetTimestamp();
            long emitted = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                var due = (long)Math.Floor(Stopwatch.GetElapsedTime(start).TotalSeconds * eventsPerSecond) + 1;
                for (; emitted < due; emitted++)
                {
                    await kadoa.EmitDataChangeAsync($"wf-{(emitted % workflows) + 1}", cancellationToken: cancellationToken);
                }

                var wait = TimeSpan.FromSeconds(emitted / eventsPerSecond) - Stopwatch.GetElapsedTime(start);
                await Task.Delay(wait > MinDelay ? wait : MinDelay, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
