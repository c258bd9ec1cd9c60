using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace KadoaBridge.EventGridEmulator.Tests;

[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class StorageQueueDeliveryTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task AddSubscription_StorageQueue_DeliversEachEventAsPlainCloudEventJson()
    {
        var queueName = "ingress-" + Guid.NewGuid().ToString("N")[..12];
        await using var emulator = await TestSupport.StartAsync();
        emulator.AddSubscription(TestSupport.Topic, new SubscriptionOptions
        {
            Name = "to-queue",
            StorageQueue = new StorageQueueDestination(fixture.ConnectionString, queueName),
        });

        await TestSupport.Publisher(emulator).SendEventsAsync(
            [TestSupport.CloudEvent("q1", "workflows/w1/changes/q1"), TestSupport.CloudEvent("q2", "workflows/w1/changes/q2")]);
        await emulator.WaitForDeliveredAsync("to-queue", 2, TestSupport.WaitTimeout);
        var messages = await ReceiveAsync(queueName, 2);

        var accepted = emulator.GetAccepted(TestSupport.Topic).ToDictionary(e => e.Id);
        foreach (var message in messages)
        {
            var text = message.Body.ToString();
            Assert.StartsWith("{", text, StringComparison.Ordinal);
            using var delivered = JsonDocument.Parse(text);
            var id = delivered.RootElement.GetProperty("id").GetString()!;
            Assert.Equal(accepted[id].CloudEvent.GetRawText(), text);
            Assert.True(JsonElement.DeepEquals(accepted[id].CloudEvent, delivered.RootElement));
        }

        Assert.Equal(["q1", "q2"], messages.Select(m => JsonDocument.Parse(m.Body.ToString()).RootElement.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AddSubscription_StorageQueueWithSubjectFilter_DeliversOnlyMatchingEvents()
    {
        var filteredQueue = "filtered-" + Guid.NewGuid().ToString("N")[..12];
        var allQueue = "all-" + Guid.NewGuid().ToString("N")[..12];
        await using var emulator = await TestSupport.StartAsync();
        emulator.AddSubscription(TestSupport.Topic, new SubscriptionOptions
        {
            Name = "filtered",
            SubjectBeginsWith = "workflows/w1/",
            StorageQueue = new StorageQueueDestination(fixture.ConnectionString, filteredQueue),
        });
        emulator.AddSubscription(TestSupport.Topic, new SubscriptionOptions
        {
            Name = "unfiltered",
            StorageQueue = new StorageQueueDestination(fixture.ConnectionString, allQueue),
        });

        await TestSupport.Publisher(emulator).SendEventsAsync(
        [
            TestSupport.CloudEvent("f1", "workflows/w1/changes/f1"),
            TestSupport.CloudEvent("f2", "workflows/w2/changes/f2"),
            TestSupport.CloudEvent("f3", "workflows/w1/changes/f3"),
        ]);
        await emulator.WaitForDeliveredAsync("unfiltered", 3, TestSupport.WaitTimeout);
        await emulator.WaitForDeliveredAsync("filtered", 2, TestSupport.WaitTimeout);

        var filtered = await ReceiveAsync(filteredQueue, 2);
        Assert.Equal(["f1", "f3"], filtered.Select(m => JsonDocument.Parse(m.Body.ToString()).RootElement.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(2, emulator.GetDeliveryAttempts("filtered").Count);
        Assert.Empty((await Queue(filteredQueue).PeekMessagesAsync(maxMessages: 32)).Value);
    }

    [Fact]
    public async Task AddSubscription_StorageQueueEventOver64KB_DeadLetteredLikeTheService()
    {
        var queueName = "large-" + Guid.NewGuid().ToString("N")[..12];
        await using var emulator = await TestSupport.StartAsync();
        emulator.AddSubscription(TestSupport.Topic, new SubscriptionOptions
        {
            Name = "too-large",
            StorageQueue = new StorageQueueDestination(fixture.ConnectionString, queueName),
            InitialRetryDelay = TimeSpan.FromMilliseconds(5),
            MaxDeliveryAttempts = 3,
        });

        await TestSupport.Publisher(emulator).SendEventAsync(TestSupport.CloudEvent("big", data: new string('x', 70 * 1024)));
        await emulator.WaitForDeadLetteredAsync("too-large", 1, TestSupport.WaitTimeout);

        var deadLettered = Assert.Single(emulator.GetDeadLettered("too-large"));
        Assert.Equal("big", deadLettered.Event.Id);
        Assert.True(deadLettered.LastStatusCode is 400 or 413, $"Azurite answered {deadLettered.LastStatusCode}: {deadLettered.Reason}");
        Assert.Single(emulator.GetDeliveryAttempts("too-large"));
    }

    private QueueClient Queue(string name) =>
        new(fixture.ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });

    private async Task<List<QueueMessage>> ReceiveAsync(string queueName, int count)
    {
        var queue = Queue(queueName);
        var received = new List<QueueMessage>();
        await TestSupport.WaitUntilAsync(
            async () =>
            {
                received.AddRange((await queue.ReceiveMessagesAsync(maxMessages: 32)).Value);
                return received.Count >= count;
            },
            $"{count} messages in queue {queueName}");
        return received;
    }
}
