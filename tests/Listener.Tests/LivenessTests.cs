using System.Net;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.Kadoa;
using KadoaBridge.KadoaSimulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace KadoaBridge.Listener.Tests;

/// <summary>A listener that stopped working must not look alive; faults it can outlive must not stop it.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class LivenessTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const string TokenPath = "/v4/oauth2/token";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task TokenEndpoint_HtmlEmptyBrokenJsonAnd500InARow_RecoversAndDeliversEveryEvent()
    {
        await using var bridge = await BridgeHarness.StartAsync(azurite);
        await bridge.Kadoa.WaitForSubscribersAsync(1, Timeout);
        var emitted = new List<SimulatedEvent> { await bridge.Kadoa.EmitDataChangeAsync("wf-token") };
        await bridge.EventGrid.WaitForAcceptedAsync(BridgeHarness.Topic, 1, Timeout);

        bridge.Kadoa.AnswerNextRequests(TokenPath, 200, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>", 1);
        bridge.Kadoa.AnswerNextRequests(TokenPath, 200, "application/json", "{}", 1);
        bridge.Kadoa.AnswerNextRequests(TokenPath, 200, "application/json", "{\"access_token\":\"abc\",\"team_", 1);
        bridge.Kadoa.FailNextRequests(TokenPath, 500, 4); // the call and the resilience handler's three retries
        var tokensBefore = TokenRequests(bridge);
        bridge.Kadoa.AbortAllSockets();
        for (var i = 0; i < 30; i++)
        {
            emitted.Add(await bridge.Kadoa.EmitDataChangeAsync($"wf-{i % 3}"));
        }

        await Wait.UntilAsync(() => Delivery.ExpectedIdsArrived(emitted, bridge.IngressIdCounts), Timeout, "every event arrives after the token endpoint recovers");
        Delivery.AssertNoLoss(emitted.Select(Delivery.ExpectedId), bridge.IngressIdCounts, output, "token endpoint faults");

        // The four bad answers and the 500s were all asked for, each failure was one line, and nothing stopped.
        Assert.True(TokenRequests(bridge) - tokensBefore >= 8, $"{TokenRequests(bridge) - tokensBefore} token requests");
        Assert.True(bridge.Logs.Count(l => l.Id.Name == "ConnectFailed") >= 4);
        Assert.Null(bridge.Service<ListenerState>().StoppedBecause);
        using var http = new HttpClient { BaseAddress = bridge.ListenerUrl };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ReceiverFault_LoopCannotGoOn_LogsCriticalAndHealthzFails()
    {
        var clock = new BreakableClock();
        await using var bridge = await BridgeHarness.StartAsync(azurite, startListener: false);
        await bridge.StartListenerAsync(builder =>
        {
            builder.Services.AddSingleton<TimeProvider>(clock);
            // Keep the process up after the fault, as a platform that ignores exit codes would: liveness must say it.
            builder.Services.Configure<HostOptions>(o => o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore);
        });
        await bridge.Kadoa.WaitForSubscribersAsync(1, Timeout);
        using var http = new HttpClient { BaseAddress = bridge.ListenerUrl };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);

        clock.Broken = true; // every wait of the receiver now throws, the retry's own wait too
        bridge.Kadoa.AbortAllSockets(); // the watchdog's timer is armed once per socket: a lost socket makes the receiver wait
        await Wait.UntilAsync(() => bridge.Service<ListenerState>().StoppedBecause is not null, Timeout, "the receiver reports that it stopped");

        var answer = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        var stopped = Assert.Single(bridge.Logs, l => l.Id.Name == "ListenerStopped");
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Critical, stopped.Level);
        Assert.IsType<InvalidOperationException>(stopped.Exception);
        Assert.Contains(bridge.Logs, l => l.Id.Name == "ReceiverFault" && l.Exception is not null);
    }

    [Fact]
    public async Task ReceiverFault_DefaultHostBehaviour_StopsTheProcessWithExitCode1()
    {
        var clock = new BreakableClock();
        await using var bridge = await BridgeHarness.StartAsync(azurite, startListener: false);
        await using var app = bridge.CreateListener(builder => builder.Services.AddSingleton<TimeProvider>(clock));
        var run = ListenerApp.RunAsync(app); // what Program.cs returns as the exit code
        await bridge.Kadoa.WaitForSubscribersAsync(1, Timeout);

        clock.Broken = true;
        bridge.Kadoa.AbortAllSockets();
        var exitCode = await run.WaitAsync(Timeout);

        Assert.Equal(1, exitCode);
    }

    [Theory]
    [InlineData(ConnectionState.Connected, 0, 60, true)]
    [InlineData(ConnectionState.WaitingToReconnect, 30, 60, true)] // still inside its planned wait
    [InlineData(ConnectionState.Connecting, 0, 301, false)]
    [InlineData(ConnectionState.Paused, 0, 3600, true)] // deliberately paused until forwarding catches up
    public async Task Liveness_ProgressDueVersusTimeout_IsHealthyOnlyWhileProgressing(ConnectionState at, int plannedWaitSeconds, int elapsedSeconds, bool healthy)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-02T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var state = new ListenerState(clock);
        state.SetState(at);
        state.ExpectProgressWithin(TimeSpan.FromSeconds(plannedWaitSeconds));
        clock.Advance(TimeSpan.FromSeconds(elapsedSeconds));
        var check = new ListenerHealth.LivenessCheck(state, Options.Create(new KadoaOptions { LivenessTimeout = TimeSpan.FromMinutes(5) }), clock);

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(healthy ? HealthStatus.Healthy : HealthStatus.Unhealthy, result.Status);
    }

    [Fact]
    public async Task Liveness_Stopped_IsUnhealthyWithTheReason()
    {
        var state = new ListenerState(TimeProvider.System);
        state.OnStopped("the forwarding pipeline stopped: NullReferenceException");
        var check = new ListenerHealth.LivenessCheck(state, Options.Create(new KadoaOptions()), TimeProvider.System);

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("forwarding pipeline", result.Description, StringComparison.Ordinal);
    }

    private static int TokenRequests(BridgeHarness bridge) => bridge.Kadoa.RequestLog.Count(r => r.EndsWith(TokenPath, StringComparison.Ordinal));

    /// <summary>The system clock until <see cref="Broken"/>: then every timer (each Task.Delay on it) throws.</summary>
    private sealed class BreakableClock : TimeProvider
    {
        public volatile bool Broken;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            Broken ? throw new InvalidOperationException("The clock is broken (test).") : System.CreateTimer(callback, state, dueTime, period);
    }
}
