using System.Threading.Channels;

namespace KadoaBridge.Core.Forwarding;

/// <summary>
/// Runs an action for each item of a channel, in arrival order of starting: a few at a time while the items keep up, more
/// once a backlog waits. Parallel.ForEachAsync has one fixed degree of parallelism, hence this small dispatcher.
/// </summary>
internal static class BacklogDispatcher
{
    /// <param name="steady">Most actions at once while fewer than <paramref name="backlog"/> items wait.</param>
    /// <param name="most">Most actions at once while <paramref name="backlog"/> or more wait.</param>
    /// <param name="action">Handles its own failures; it must not throw.</param>
    /// <returns>Completes when the channel is completed and every action has ended; on cancellation, once those started have ended.</returns>
    public static async Task RunAsync<T>(ChannelReader<T> reader, int steady, int most, int backlog, Func<T, Task> action, CancellationToken cancellationToken)
    {
        var freed = new SemaphoreSlim(0);
        var running = 0;
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken))
            {
                while (reader.TryRead(out var item))
                {
                    while (Volatile.Read(ref running) >= (reader.Count >= backlog ? most : steady))
                    {
                        await freed.WaitAsync(cancellationToken);
                    }

                    // A wait cancelled just as a slot freed can still end successfully: start nothing once stopping.
                    cancellationToken.ThrowIfCancellationRequested();
                    Interlocked.Increment(ref running);
                    _ = RunOneAsync(item);
                }
            }
        }
        finally
        {
            while (Volatile.Read(ref running) > 0)
            {
                await freed.WaitAsync(CancellationToken.None);
            }
        }

        async Task RunOneAsync(T item)
        {
            try
            {
                await action(item);
            }
            finally
            {
                Interlocked.Decrement(ref running);
                freed.Release();
            }
        }
    }
}
