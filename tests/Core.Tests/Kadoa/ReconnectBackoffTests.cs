using KadoaBridge.Core.Kadoa.Realtime;

namespace KadoaBridge.Core.Tests.Kadoa;

public class ReconnectBackoffTests
{
    private static readonly TimeSpan Min = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(30);

    [Fact]
    public void NextAfterSocket_SocketCarriedEvents_WaitsOnlyTheMinimumEachTime()
    {
        var backoff = new ReconnectBackoff(Min, Max, new Random(7));

        // A stream dropped five times in a row, each socket having carried events: never 2, 4, 8 s.
        var delays = Enumerable.Range(0, 5).Select(_ => backoff.NextAfterSocket(carriedEvents: true)).ToList();

        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromSeconds(0.75), TimeSpan.FromSeconds(1.25)));
    }

    [Fact]
    public void NextAfterSocket_SocketCarriedNothing_KeepsBackingOff()
    {
        var backoff = new ReconnectBackoff(Min, Max, new Random(7));

        var delays = Enumerable.Range(0, 4).Select(_ => backoff.NextAfterSocket(carriedEvents: false)).ToList();

        Assert.InRange(delays[3], TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Next_ConnectFailuresAfterAHealthySocket_BackOffExponentiallyFromTheMinimum()
    {
        var backoff = new ReconnectBackoff(Min, Max, new Random(7));
        for (var i = 0; i < 6; i++)
        {
            backoff.Next(); // failures before: the exponent is high
        }

        var afterHealthy = backoff.NextAfterSocket(carriedEvents: true);
        var failures = Enumerable.Range(0, 3).Select(_ => backoff.Next()).ToList();

        Assert.InRange(afterHealthy, TimeSpan.FromSeconds(0.75), TimeSpan.FromSeconds(1.25));
        Assert.InRange(failures[0], TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(2.5));
        Assert.InRange(failures[1], TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5));
        Assert.InRange(failures[2], TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(10));
    }
}
