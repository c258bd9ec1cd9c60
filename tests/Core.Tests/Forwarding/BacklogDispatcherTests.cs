using System.Threading.Channels;
using KadoaBridge.Core.Forwarding;

namespace KadoaBridge.Core.Tests.Forwarding;

/// <summary>
/// The acknowledgement stage's dispatcher: a few actions at once while items keep up, up to the most once a backlog
/// waits, every item handled once, and completion only after every started action ended.
/// </summary>
public class BacklogDispatcherTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task FewWaiting_NeverMoreThanSteadyAtOnce_EveryItemOnce()
    {
        var probe = new Probe();
        var channel = Channel.CreateUnbounded<int>();
        var run = BacklogDispatcher.RunAsync(channel.Reader, steady: 3, most: 10, backlog: 50, probe.RunAsync, CancellationToken.None);
        for (var i = 0; i < 20; i++)
        {
            channel.Writer.TryWrite(i);
        }

        await probe.WaitUntilRunningAsync(3);
        for (var released = 0; released < 20; released++)
        {
            await probe.ReleaseOneAsync();
        }

        channel.Writer.Complete();
        await run.WaitAsync(Timeout);

        Assert.Equal(3, probe.MostAtOnce);
        Assert.Equal(Enumerable.Range(0, 20), probe.Started.Order());
    }

    [Fact]
    public async Task BacklogWaiting_UsesTheMost_ThenFallsBackToSteady()
    {
        var probe = new Probe();
        var channel = Channel.CreateUnbounded<int>();
        for (var i = 0; i < 100; i++)
        {
            channel.Writer.TryWrite(i);
        }

        probe.Waiting = () => channel.Reader.Count;
        var run = BacklogDispatcher.RunAsync(channel.Reader, steady: 3, most: 10, backlog: 50, probe.RunAsync, CancellationToken.None);
        await probe.WaitUntilRunningAsync(10); // 90 wait: the backlog is there, so ten run

        // Release until the backlog is gone: then no more than the steady three start beside those still running.
        for (var released = 0; released < 100; released++)
        {
            await probe.ReleaseOneAsync();
        }

        channel.Writer.Complete();
        await run.WaitAsync(Timeout);

        Assert.Equal(10, probe.MostAtOnce);
        Assert.Equal(Enumerable.Range(0, 100), probe.Started.Order());
        // Once fewer than 50 wait, an action starts only beside at most two others.
        var belowBacklog = probe.StartedWith.Where(s => s.Waiting < 50).ToList();
        Assert.NotEmpty(belowBacklog);
        Assert.All(belowBacklog, s => Assert.True(s.Running <= 3, $"started with {s.Running} running and {s.Waiting} waiting"));
    }

    [Fact]
    public async Task Cancelled_StartsNothingMoreAndCompletesOnlyAfterStartedActionsEnd()
    {
        var probe = new Probe();
        var channel = Channel.CreateUnbounded<int>();
        using var stop = new CancellationTokenSource();
        for (var i = 0; i < 5; i++)
        {
            channel.Writer.TryWrite(i);
        }

        var run = BacklogDispatcher.RunAsync(channel.Reader, steady: 2, most: 2, backlog: 50, probe.RunAsync, stop.Token);
        await probe.WaitUntilRunningAsync(2);
        await stop.CancelAsync();

        Assert.False(run.IsCompleted); // two actions still run
        await probe.ReleaseOneAsync();
        await probe.ReleaseOneAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Timeout));
        Assert.Equal(0, probe.Running);
        Assert.Equal([0, 1], probe.Started); // the slots freed after the stop started nothing
    }

    /// <summary>Actions that wait until released one at a time, recording how many ran at once.</summary>
    private sealed class Probe
    {
        private readonly Channel<TaskCompletionSource> _waiting = Channel.CreateUnbounded<TaskCompletionSource>();
        private readonly Channel<int> _runningAtStart = Channel.CreateUnbounded<int>();
        private readonly Lock _gate = new();
        private int _running;

        public List<int> Started { get; } = [];

        /// <summary>For each start: actions running (this one included) and items still waiting in the channel.</summary>
        public List<(int Running, int Waiting)> StartedWith { get; } = [];

        public Func<int> Waiting { get; set; } = () => 0;

        public int MostAtOnce { get; private set; }

        public int Running => Volatile.Read(ref _running);

        public async Task RunAsync(int item)
        {
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                Started.Add(item);
                _running++;
                MostAtOnce = Math.Max(MostAtOnce, _running);
                StartedWith.Add((_running, Waiting()));
                _runningAtStart.Writer.TryWrite(_running);
            }

            _waiting.Writer.TryWrite(release);
            await release.Task;
            lock (_gate)
            {
                _running--;
            }
        }

        /// <summary>Waits (bounded) until <paramref name="count"/> actions run at once: each start reports the count.</summary>
        public async Task WaitUntilRunningAsync(int count)
        {
            using var timeout = new CancellationTokenSource(Timeout);
            while (await _runningAtStart.Reader.ReadAsync(timeout.Token) < count)
            {
            }
        }

        /// <summary>Lets the longest-waiting action finish.</summary>
        public async Task ReleaseOneAsync() => (await _waiting.Reader.ReadAsync().AsTask().WaitAsync(Timeout)).SetResult();
    }
}
