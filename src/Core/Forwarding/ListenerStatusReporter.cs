using KadoaBridge.Core.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Forwarding;

/// <summary>Writes this replica's status row every <see cref="ForwardingOptions.StatusInterval"/>, and once more when stopping.</summary>
public sealed class ListenerStatusReporter(
    ListenerStatusStore store, ListenerState state, ListenerMetrics metrics, IOptions<ForwardingOptions> options, TimeProvider time) : BackgroundService
{
    private readonly string _replica = Environment.MachineName;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.StatusInterval, time);
        var created = false;
        do
        {
            try
            {
                if (!created)
                {
                    await store.EnsureCreatedAsync(stoppingToken);
                    created = true;
                }

                await store.WriteAsync(_replica, state, metrics, time.GetUtcNow(), stoppingToken);
                state.OnStorageSuccess();
            }
            catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or AggregateException)
            {
                state.OnStorageFailure($"status write failed: {e.GetType().Name}");
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await store.WriteAsync(_replica, state, metrics, time.GetUtcNow(), cancellationToken);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or AggregateException or OperationCanceledException)
        {
            // Best effort on the way out; the row's ReportedAt shows it is stale.
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
