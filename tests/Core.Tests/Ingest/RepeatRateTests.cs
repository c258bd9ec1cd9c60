using KadoaBridge.Core.Ingest;

namespace KadoaBridge.Core.Tests.Ingest;

public class RepeatRateTests
{
    [Fact]
    public void New_IsNotABurst()
    {
        var rate = new RepeatRate();

        Assert.Equal(0, rate.Value);
        Assert.False(rate.InBurst);
    }

    [Fact]
    public void Observe_MostlyRepeats_ABurstWithinAboutTwentyClaims()
    {
        var rate = new RepeatRate();

        for (var i = 0; i < 21; i++)
        {
            rate.Observe(repeat: true);
        }

        Assert.False(rate.InBurst); // one half takes 22 repeats in a row from zero
        rate.Observe(repeat: true);
        Assert.True(rate.InBurst);
        Assert.InRange(rate.Value, 0.5, 1.0);
    }

    [Fact]
    public void Observe_NewIdsAfterABurst_EndsIt()
    {
        var rate = new RepeatRate();
        for (var i = 0; i < 200; i++)
        {
            rate.Observe(repeat: true);
        }

        for (var i = 0; i < 22; i++)
        {
            rate.Observe(repeat: false);
        }

        Assert.False(rate.InBurst);
        Assert.InRange(rate.Value, 0.0, 0.5);
    }

    [Fact]
    public void Observe_OneRepeatInFour_NeverABurst()
    {
        var rate = new RepeatRate();

        for (var i = 0; i < 1_000; i++)
        {
            rate.Observe(repeat: i % 4 == 0);
            Assert.False(rate.InBurst);
        }
    }
}
