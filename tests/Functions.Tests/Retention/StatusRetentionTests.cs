using System.Diagnostics.Metrics;
using System.Text;
using KadoaBridge.Core.ControlPlane;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Functions.Ingest;
using KadoaBridge.Functions.Tests.Ingest;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KadoaBridge.Functions.Tests.Retention;

/// <summary>
/// The retention timer on table <c>Status</c>: after <c>Retention__StatusDays</c> (default 7) the rows of replicas that
/// stopped reporting, old ingest failures and finished replays go; what is current stays.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class StatusRetentionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task RunAsync_StatusRowsPastRetention_RemovedWhileCurrentOnesStay()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await IngestHarness.StartAsync(azurite, configure: services => services.AddSingleton<TimeProvider>(clock));
        var listeners = harness.Service<ListenerStatusStore>();
        var failures = harness.Service<IngestFailureStore>();
        var replays = harness.Service<ReplayJobStore>();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (state, metrics, meters) = Listener(clock);
        using var _ = meters;
        using var __ = metrics;
        var oldEvent = SampleEvents.NewId();
        await listeners.WriteAsync($"replica-gone-{suffix}", state, metrics, clock.GetUtcNow(), CancellationToken.None);
        await failures.RecordAsync($"msg-old-{suffix}", Encoding.UTF8.GetBytes(SampleEvents.DataChange(oldEvent, "wf-status")), 1, poisoned: false, "old failure", CancellationToken.None);
        await replays.CreateAsync(Job($"job-running-{suffix}", clock), CancellationToken.None);
        await replays.CreateAsync(Job($"job-failed-{suffix}", clock), CancellationToken.None);
        await replays.MarkFailedAsync($"job-failed-{suffix}", "boom", clock.GetUtcNow(), CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(8));
        await listeners.WriteAsync($"replica-live-{suffix}", state, metrics, clock.GetUtcNow(), CancellationToken.None);
        await failures.RecordAsync($"msg-new-{suffix}", 1, poisoned: false, "new failure", CancellationToken.None);

        await harness.Host.Create<RetentionFunction>().RunAsync(new TimerInfo(), CancellationToken.None);

        var replicas = (await listeners.ReadAllAsync(CancellationToken.None)).Select(row => row.RowKey).ToList();
        Assert.Contains($"replica-live-{suffix}", replicas);
        Assert.DoesNotContain($"replica-gone-{suffix}", replicas);
        var listed = (await failures.ListAsync(1_000, CancellationToken.None)).Select(f => f.MessageId).ToList();
        Assert.Contains($"msg-new-{suffix}", listed);
        Assert.DoesNotContain($"msg-old-{suffix}", listed);
        Assert.Empty(await failures.ReasonsAsync(oldEvent, 20, CancellationToken.None)); // its attempt row went too
        Assert.NotNull(await replays.GetAsync($"job-running-{suffix}", CancellationToken.None)); // running: kept however old
        Assert.Null(await replays.GetAsync($"job-failed-{suffix}", CancellationToken.None));
    }

    private static ReplayJob Job(string id, TimeProvider clock) =>
        new(id, ReplayState.Running, "wf-status", null, clock.GetUtcNow(), null, 0, 0, 0, null, clock.GetUtcNow(), clock.GetUtcNow(), null, null);

    private static (ListenerState State, ListenerMetrics Metrics, ServiceProvider Meters) Listener(TimeProvider clock)
    {
        var state = new ListenerState(clock);
        state.SetTeam("team-retention");
        state.SetState(ConnectionState.Connected);
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        return (state, new ListenerMetrics(meters.GetRequiredService<IMeterFactory>(), state, clock), meters);
    }
}
