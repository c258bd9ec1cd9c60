using System.Diagnostics;
using System.Net;
using Azure;

namespace KadoaBridge.EventGridEmulator.Tests;

[Trait("Category", "Integration")]
public sealed class FaultInjectionTests
{
    [Fact]
    public async Task InjectFault_503ForTwoRequests_SdkRetriesAndSucceeds()
    {
        await using var emulator = await TestSupport.StartAsync();
        emulator.InjectFault(TestSupport.Topic, new FaultSpec(503, count: 2));

        await TestSupport.Publisher(emulator, maxRetries: 3).SendEventAsync(TestSupport.CloudEvent("r1"));

        Assert.Equal(3, emulator.TotalRequests);
        Assert.Equal("r1", Assert.Single(emulator.GetAccepted(TestSupport.Topic)).Id);
    }

    [Fact]
    public async Task InjectFault_503BeyondSdkRetries_ThrowsWithErrorCodeThenClearFaultsRecovers()
    {
        await using var emulator = await TestSupport.StartAsync();
        emulator.InjectFault(TestSupport.Topic, new FaultSpec(503, Count: 20));
        var client = TestSupport.Publisher(emulator, maxRetries: 2);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.SendEventAsync(TestSupport.CloudEvent("r1")));
        emulator.ClearFaults(TestSupport.Topic);
        await client.SendEventAsync(TestSupport.CloudEvent("r2"));

        Assert.Equal(503, error.Status);
        Assert.Equal("ServiceUnavailable", error.ErrorCode);
        Assert.Equal(4, emulator.TotalRequests);
        Assert.Equal("r2", Assert.Single(emulator.GetAccepted(TestSupport.Topic)).Id);
    }

    [Fact]
    public async Task InjectFault_429WithRetryAfter_SendsHeaderAndBody()
    {
        await using var emulator = await TestSupport.StartAsync();
        emulator.InjectFault(TestSupport.Topic, new FaultSpec(429, count: 1, retryAfter: TimeSpan.FromSeconds(2)));

        using var response = await TestSupport.PostAsync(emulator, "[" + TestSupport.EventJson("x") + "]");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        Assert.False(response.Headers.Contains("retry-after-ms"));
        Assert.Contains("TooManyRequests", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(emulator.GetAccepted(TestSupport.Topic));
    }

    [Fact]
    public async Task InjectFault_429WithRetryAfter_SdkWaitsRetryAfterThenSucceeds()
    {
        await using var emulator = await TestSupport.StartAsync();
        emulator.InjectFault(TestSupport.Topic, new FaultSpec(429, Count: 1, RetryAfter: TimeSpan.FromSeconds(1)));
        var stopwatch = Stopwatch.StartNew();

        await TestSupport.Publisher(emulator).SendEventAsync(TestSupport.CloudEvent("later"));

        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(950), $"The SDK retried after {stopwatch.Elapsed}, before Retry-After.");
        Assert.Equal(2, emulator.TotalRequests);
        Assert.Single(emulator.GetAccepted(TestSupport.Topic));
    }

    [Fact]
    public async Task InjectFault_SubSecondRetryAfter_AlsoSendsRetryAfterMs()
    {
        await using var emulator = await TestSupport.StartAsync();
        emulator.InjectFault(TestSupport.Topic, new FaultSpec(429, count: 1, retryAfter: TimeSpan.FromMilliseconds(250)));

        using var response = await TestSupport.PostAsync(emulator, "[" + TestSupport.EventJson("x") + "]");

        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        Assert.Equal("250", Assert.Single(response.Headers.GetValues("retry-after-ms")));
    }

    [Fact]
    public async Task InjectFault_Duration_FailsUntilItEnds()
    {
        await using var emulator = await TestSupport.StartAsync();
        emulator.InjectFault(TestSupport.Topic, new FaultSpec(503, duration: TimeSpan.FromMilliseconds(300)));

        using var first = await TestSupport.PostAsync(emulator, "[" + TestSupport.EventJson("x") + "]");
        await TestSupport.WaitUntilAsync(
            async () =>
            {
                using var response = await TestSupport.PostAsync(emulator, "[" + TestSupport.EventJson("x") + "]");
                return response.IsSuccessStatusCode;
            },
            "the fault to end");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Single(emulator.GetAccepted(TestSupport.Topic));
    }

    [Fact]
    public async Task InjectFault_DelayWith200_AcceptsAfterTheDelay()
    {
        await using var emulator = await TestSupport.StartAsync();
        emulator.InjectFault(TestSupport.Topic, new FaultSpec(200, Count: 1, Delay: TimeSpan.FromMilliseconds(300)));
        var stopwatch = Stopwatch.StartNew();

        await TestSupport.Publisher(emulator).SendEventAsync(TestSupport.CloudEvent("slow"));

        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(290), $"Answered after {stopwatch.Elapsed}.");
        Assert.Single(emulator.GetAccepted(TestSupport.Topic));
    }

    [Fact]
    public async Task InjectFault_InvalidSpec_Throws()
    {
        await using var emulator = await TestSupport.StartAsync();

        Assert.Throws<ArgumentOutOfRangeException>(() => emulator.InjectFault(TestSupport.Topic, new FaultSpec(99)));
        Assert.Throws<ArgumentException>(() => emulator.InjectFault(TestSupport.Topic, new FaultSpec(503, count: 0)));
    }
}
