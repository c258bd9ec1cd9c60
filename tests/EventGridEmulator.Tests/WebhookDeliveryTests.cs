namespace KadoaBridge.EventGridEmulator.Tests;

[Trait("Category", "Integration")]
public sealed class WebhookDeliveryTests
{
    [Fact]
    public async Task AddSubscription_Webhook_HandshakeOnceThenDeliversEachEventAsCloudEventJson()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await TestSupport.StartAsync();
        emulator.AddSubscription(TestSupport.Topic, new SubscriptionOptions { Name = "hook", Webhook = new WebhookDestination(receiver.Endpoint) });

        await TestSupport.Publisher(emulator).SendEventsAsync([TestSupport.CloudEvent("w1"), TestSupport.CloudEvent("w2"), TestSupport.CloudEvent("w3")]);
        await emulator.WaitForDeliveredAsync("hook", 3, TestSupport.WaitTimeout);

        var handshake = Assert.Single(receiver.Handshakes);
        Assert.Equal("eventgrid.azure.net", handshake.RequestOrigin);
        var accepted = emulator.GetAccepted(TestSupport.Topic).ToDictionary(e => e.Id, e => e.CloudEvent.GetRawText());
        Assert.Equal(3, receiver.Deliveries.Count);
        foreach (var delivery in receiver.Deliveries)
        {
            Assert.Equal("application/cloudevents+json; charset=utf-8", delivery.ContentType);
            Assert.Equal("eventgrid.azure.net", delivery.Origin);
            Assert.Equal("0", delivery.DeliveryCount);
            Assert.Contains(delivery.Body, accepted.Values);
        }

        Assert.All(emulator.GetDeliveryAttempts("hook"), a => Assert.True(a.Succeeded && a.Attempt == 1 && a.StatusCode == 200));
    }

    [Fact]
    public async Task AddSubscription_WebhookFailingTwice_RetriesWithBackoffThenSucceeds()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failuresBeforeSuccess: 2);
        await using var emulator = await TestSupport.StartAsync();
        var initialDelay = TimeSpan.FromMilliseconds(100);
        emulator.AddSubscription(TestSupport.Topic, new SubscriptionOptions
        {
            Name = "flaky",
            Webhook = new WebhookDestination(receiver.Endpoint),
            InitialRetryDelay = initialDelay,
        });

        await TestSupport.Publisher(emulator).SendEventAsync(TestSupport.CloudEvent("retry-me"));
        await emulator.WaitForDeliveredAsync("flaky", 1, TestSupport.WaitTimeout);

        var attempts = emulator.GetDeliveryAttempts("flaky");
        Assert.Equal([1, 2, 3], attempts.Select(a => a.Attempt));
        Assert.Equal([false, false, true], attempts.Select(a => a.Succeeded));
        Assert.Equal([500, 500, 200], attempts.Select(a => a.StatusCode ?? 0));
        Assert.All(attempts, a => Assert.Equal("retry-me", a.EventId));
        Assert.True(attempts[1].At - attempts[0].At >= initialDelay * 0.9, "first retry came before the initial delay");
        Assert.True(attempts[2].At - attempts[1].At >= initialDelay * 1.8, "second retry did not double the delay");
        Assert.Equal(["0", "1", "2"], receiver.Deliveries.Select(d => d.DeliveryCount));
        Assert.Empty(emulator.GetDeadLettered("flaky"));
    }

    [Fact]
    public async Task AddSubscription_WebhookAlwaysFailing_DeadLettersAfterMaxDeliveryAttempts()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failuresBeforeSuccess: int.MaxValue);
        await using var emulator = await TestSupport.StartAsync();
        emulator.AddSubscription(TestSupport.Topic, new SubscriptionOptions
        {
            Name = "broken",
            Webhook = new WebhookDestination(receiver.Endpoint),
            InitialRetryDelay = TimeSpan.FromMilliseconds(5),
            MaxDeliveryAttempts = 4,
        });

        await TestSupport.Publisher(emulator).SendEventAsync(TestSupport.CloudEvent("doomed"));
        await emulator.WaitForDeadLetteredAsync("broken", 1, TestSupport.WaitTimeout);

        var deadLettered = Assert.Single(emulator.GetDeadLettered("broken"));
        Assert.Equal("doomed", deadLettered.Event.Id);
        Assert.Equal(4, deadLettered.Attempts);
        Assert.Equal(500, deadLettered.LastStatusCode);
        Assert.Contains("Max delivery attempts", deadLettered.Reason, StringComparison.Ordinal);
        var attempts = emulator.GetDeliveryAttempts("broken");
        Assert.Equal([1, 2, 3, 4], attempts.Select(a => a.Attempt));
        Assert.All(attempts, a => Assert.False(a.Succeeded));
        Assert.Equal(4, receiver.Deliveries.Count);
    }

    [Fact]
    public async Task AddSubscription_WebhookAnswering400_DeadLettersWithoutRetry()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failuresBeforeSuccess: int.MaxValue, failureStatus: 400);
        await using var emulator = await TestSupport.StartAsync();
        emulator.AddSubscription(TestSupport.Topic, new SubscriptionOptions
        {
            Name = "rejecting",
            Webhook = new WebhookDestination(receiver.Endpoint),
            InitialRetryDelay = TimeSpan.FromMilliseconds(5),
        });

        await TestSupport.Publisher(emulator).SendEventAsync(TestSupport.CloudEvent("bad"));
        await emulator.WaitForDeadLetteredAsync("rejecting", 1, TestSupport.WaitTimeout);

        Assert.Equal(1, Assert.Single(emulator.GetDeadLettered("rejecting")).Attempts);
        Assert.Single(emulator.GetDeliveryAttempts("rejecting"));
    }

    [Fact]
    public async Task AddSubscription_HandshakeRefused_NothingPostedAndDeadLettered()
    {
        await using var receiver = await WebhookReceiver.StartAsync(allowHandshake: false);
        await using var emulator = await TestSupport.StartAsync();
        emulator.AddSubscription(TestSupport.Topic, new SubscriptionOptions
        {
            Name = "unvalidated",
            Webhook = new WebhookDestination(receiver.Endpoint),
            InitialRetryDelay = TimeSpan.FromMilliseconds(5),
            MaxDeliveryAttempts = 2,
        });

        await TestSupport.Publisher(emulator).SendEventAsync(TestSupport.CloudEvent("x"));
        await emulator.WaitForDeadLetteredAsync("unvalidated", 1, TestSupport.WaitTimeout);

        Assert.Empty(receiver.Deliveries);
        Assert.Equal(2, receiver.Handshakes.Count);
        Assert.All(emulator.GetDeliveryAttempts("unvalidated"), a => Assert.Contains("handshake", a.Error, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddSubscription_UnreachableWebhook_RecordsConnectionErrorsThenDeadLetters()
    {
        var closedPort = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closedPort.Start();
        var port = ((System.Net.IPEndPoint)closedPort.LocalEndpoint).Port;
        closedPort.Stop();
        await using var emulator = await TestSupport.StartAsync();
        emulator.AddSubscription(TestSupport.Topic, new SubscriptionOptions
        {
            Name = "nowhere",
            Webhook = new WebhookDestination(new Uri($"http://127.0.0.1:{port}/hook")),
            InitialRetryDelay = TimeSpan.FromMilliseconds(5),
            MaxDeliveryAttempts = 2,
        });

        await TestSupport.Publisher(emulator).SendEventAsync(TestSupport.CloudEvent("x"));
        await emulator.WaitForDeadLetteredAsync("nowhere", 1, TestSupport.WaitTimeout);

        Assert.All(emulator.GetDeliveryAttempts("nowhere"), a => Assert.Null(a.StatusCode));
        Assert.Null(Assert.Single(emulator.GetDeadLettered("nowhere")).LastStatusCode);
    }

    [Fact]
    public async Task AddSubscription_Filters_DeliverOnlyMatchingEvents()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await TestSupport.StartAsync();
        var hook = new WebhookDestination(receiver.Endpoint);
        emulator.AddSubscription(TestSupport.Topic, new SubscriptionOptions { Name = "all", Webhook = hook });
        emulator.AddSubscription(TestSupport.Topic, new SubscriptionOptions { Name = "w1", Webhook = hook, SubjectBeginsWith = "WORKFLOWS/w1/" });
        emulator.AddSubscription(TestSupport.Topic, new SubscriptionOptions { Name = "c3", Webhook = hook, SubjectEndsWith = "/c3" });
        var changes = new SubscriptionOptions { Name = "changes", Webhook = hook };
        changes.IncludedEventTypes.Add("kadoa.workflow.datachanged");
        emulator.AddSubscription(TestSupport.Topic, changes);

        await TestSupport.Publisher(emulator).SendEventsAsync(
        [
            TestSupport.CloudEvent("e1", "workflows/w1/changes/c1"),
            TestSupport.CloudEvent("e2", "workflows/w1/changes/c2", type: "Kadoa.Other"),
            TestSupport.CloudEvent("e3", "workflows/w2/changes/c3"),
            TestSupport.CloudEvent("e4", type: "Kadoa.Other"),
        ]);
        await emulator.WaitForDeliveredAsync("all", 4, TestSupport.WaitTimeout);
        await emulator.WaitForDeliveredAsync("w1", 2, TestSupport.WaitTimeout);
        await emulator.WaitForDeliveredAsync("c3", 1, TestSupport.WaitTimeout);
        await emulator.WaitForDeliveredAsync("changes", 2, TestSupport.WaitTimeout);

        Assert.Equal(["e1", "e2"], DeliveredIds(emulator, "w1"));
        Assert.Equal(["e3"], DeliveredIds(emulator, "c3"));
        Assert.Equal(["e1", "e3"], DeliveredIds(emulator, "changes"));
        Assert.Equal(["e1", "e2", "e3", "e4"], DeliveredIds(emulator, "all"));
    }

    [Fact]
    public async Task DisposeAsync_DeliveryWaitingForRetry_StopsPromptly()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failuresBeforeSuccess: int.MaxValue);
        var emulator = await TestSupport.StartAsync();
        emulator.AddSubscription(TestSupport.Topic, new SubscriptionOptions
        {
            Name = "slow-retry",
            Webhook = new WebhookDestination(receiver.Endpoint),
            InitialRetryDelay = TimeSpan.FromHours(1),
        });
        await TestSupport.Publisher(emulator).SendEventAsync(TestSupport.CloudEvent("x"));
        await TestSupport.WaitUntilAsync(() => Task.FromResult(emulator.GetDeliveryAttempts("slow-retry").Count == 1), "the first attempt");

        await emulator.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Single(emulator.GetDeliveryAttempts("slow-retry"));
    }

    [Fact]
    public async Task AddSubscription_InvalidOptions_Throws()
    {
        await using var emulator = await TestSupport.StartAsync();
        var hook = new WebhookDestination(new Uri("http://127.0.0.1:9/hook"));

        Assert.Throws<ArgumentException>(() => emulator.AddSubscription(TestSupport.Topic, new SubscriptionOptions { Name = "none" }));
        Assert.Throws<ArgumentException>(() => emulator.AddSubscription(TestSupport.Topic, new SubscriptionOptions { Name = "x", Webhook = hook, MaxDeliveryAttempts = 31 }));
        emulator.AddSubscription(TestSupport.Topic, new SubscriptionOptions { Name = "same", Webhook = hook });
        Assert.Throws<ArgumentException>(() => emulator.AddSubscription(TestSupport.Topic, new SubscriptionOptions { Name = "same", Webhook = hook }));
        Assert.Throws<ArgumentException>(() => emulator.AddSubscription("unknown", new SubscriptionOptions { Name = "y", Webhook = hook }));
    }

    private static string[] DeliveredIds(EventGridEmulator emulator, string subscription) =>
        [.. emulator.GetDeliveryAttempts(subscription).Where(a => a.Succeeded).Select(a => a.EventId).Order(StringComparer.Ordinal)];
}
