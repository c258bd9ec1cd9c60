using KadoaBridge.Core.Forwarding;
using KadoaBridge.Core.Kadoa.Realtime;

namespace KadoaBridge.Core.Tests.Forwarding;

public class InflightBudgetTests
{
    [Fact]
    public void TryReserve_BeyondEventsOrBytes_Refuses()
    {
        var budget = new InflightBudget(maxEvents: 2, maxBytes: 100);

        Assert.True(budget.TryReserve(60));
        Assert.False(budget.TryReserve(60));
        Assert.True(budget.TryReserve(40));
        Assert.False(budget.TryReserve(0));
    }

    [Fact]
    public void TryReserve_OversizedItemIntoEmptyBudget_Fits()
    {
        var budget = new InflightBudget(maxEvents: 10, maxBytes: 100);

        Assert.True(budget.TryReserve(5_000));
        Assert.False(budget.TryReserve(1));
    }

    [Fact]
    public async Task WaitUntilHalfFree_CompletesOnlyAfterRelease()
    {
        var budget = new InflightBudget(maxEvents: 4, maxBytes: 1_000);
        for (var i = 0; i < 4; i++)
        {
            Assert.True(budget.TryReserve(10));
        }

        var wait = budget.WaitUntilHalfFreeAsync(CancellationToken.None);
        Assert.False(wait.IsCompleted);
        budget.Release(1, 10);
        Assert.False(wait.IsCompleted);
        budget.Release(1, 10);
        await wait.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task WaitUntilHalfFree_BytesAtTheLimit_BlocksUntilHalfTheBytesAreReleased()
    {
        var budget = new InflightBudget(maxEvents: 100, maxBytes: 1_000);
        Assert.True(budget.TryReserve(600));
        Assert.True(budget.TryReserve(400));
        Assert.False(budget.TryReserve(1)); // bytes spent while events remain

        var wait = budget.WaitUntilHalfFreeAsync(CancellationToken.None);
        Assert.False(wait.IsCompleted);
        budget.Release(1, 400); // 600 of 1,000 bytes still held: more than half
        Assert.False(wait.IsCompleted);
        budget.Release(1, 600);

        await wait.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(budget.TryReserve(1_000));
    }

    [Fact]
    public async Task WaitUntilHalfFree_StoppingWhileFull_EndsTheWaitAsCancelled()
    {
        var budget = new InflightBudget(maxEvents: 2, maxBytes: 1_000);
        Assert.True(budget.TryReserve(10));
        Assert.True(budget.TryReserve(10));
        using var stopping = new CancellationTokenSource();

        var wait = budget.WaitUntilHalfFreeAsync(stopping.Token);
        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(2, budget.Events);
    }

    [Fact]
    public void RecentIds_BeyondCapacity_ForgetsTheOldest()
    {
        var recent = new RecentIds(capacity: 2);
        recent.Add("a");
        recent.Add("b");
        recent.Add("c");

        Assert.False(recent.Contains("a"));
        Assert.True(recent.Contains("b"));
        Assert.True(recent.Contains("c"));
    }

    [Fact]
    public void ReconnectBackoff_GrowsWithJitterUpToTheCapAndResets()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), new Random(1));
        var delays = Enumerable.Range(0, 8).Select(_ => backoff.Next()).ToList();

        Assert.InRange(delays[0], TimeSpan.FromSeconds(0.75), TimeSpan.FromSeconds(1.25));
        Assert.InRange(delays[2], TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5));
        Assert.All(delays, d => Assert.True(d <= TimeSpan.FromSeconds(10)));
        Assert.InRange(delays[7], TimeSpan.FromSeconds(7.5), TimeSpan.FromSeconds(10));
        backoff.Reset();
        Assert.InRange(backoff.Next(), TimeSpan.FromSeconds(0.75), TimeSpan.FromSeconds(1.25));
    }
}
