using System.Globalization;
using System.Text.Json;
using Azure.Storage.Blobs;

namespace KadoaBridge.EventGridEmulator.Tests;

/// <summary>A subscription with a <see cref="DeadLetterBlobDestination"/> writes its dead letters as Event Grid does, into real Blob Storage.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class DeadLetterBlobTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task AddSubscription_DeadLetterBlobAndARefusingQueue_WritesTheEventInEventGridsNameAndFormat()
    {
        var container = "deadletters-" + Guid.NewGuid().ToString("N")[..12];
        await using var emulator = await TestSupport.StartAsync();
        emulator.AddSubscription(TestSupport.Topic, new SubscriptionOptions
        {
            Name = "Ingress-To-Queue",
            StorageQueue = new StorageQueueDestination(WithWrongKey(fixture.ConnectionString), "refused"), // 403: not retried
            DeadLetterBlob = new DeadLetterBlobDestination(fixture.ConnectionString, container),
        });

        await TestSupport.Publisher(emulator).SendEventAsync(TestSupport.CloudEvent("dl-1", "workflows/w1/changes/dl-1"));
        await emulator.WaitForDeadLetteredAsync("Ingress-To-Queue", 1, TestSupport.WaitTimeout);

        var inMemory = Assert.Single(emulator.GetDeadLettered("Ingress-To-Queue"));
        var blobs = new BlobContainerClient(fixture.ConnectionString, container);
        var blob = Assert.Single(await blobs.GetBlobsAsync().ToListAsync());
        Assert.Equal(inMemory.BlobName, blob.Name);
        var at = inMemory.At.UtcDateTime;
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"INGRESS/INGRESS-TO-QUEUE/{at.Year}/{at.Month}/{at.Day}/{at.Hour}/"), blob.Name[..^41]);
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.json$", blob.Name[^41..]);

        using var content = JsonDocument.Parse((await blobs.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString());
        var deadLetter = Assert.Single(content.RootElement.EnumerateArray());
        foreach (var attribute in inMemory.Event.CloudEvent.EnumerateObject())
        {
            Assert.True(JsonElement.DeepEquals(attribute.Value, deadLetter.GetProperty(attribute.Name)), $"attribute {attribute.Name} changed");
        }

        Assert.Equal("UndeliverableDueToHttpForbidden", deadLetter.GetProperty("deadletterreason").GetString());
        Assert.Equal(1, deadLetter.GetProperty("deliveryattempts").GetInt32());
        Assert.Equal("Forbidden", deadLetter.GetProperty("lastdeliveryoutcome").GetString());
        Assert.Equal(403, deadLetter.GetProperty("lasthttpstatuscode").GetInt32());
        Assert.Equal(inMemory.Event.AcceptedAt, deadLetter.GetProperty("publishtime").GetDateTimeOffset());
        Assert.Equal(inMemory.At, deadLetter.GetProperty("lastdeliveryattempttime").GetDateTimeOffset());
    }

    [Fact]
    public async Task AddSubscription_DeadLetterBlobAndAnUnreachableQueue_RetriesThenWritesMaxDeliveryAttemptsExceeded()
    {
        var container = "deadletters-" + Guid.NewGuid().ToString("N")[..12];
        await using var emulator = await TestSupport.StartAsync();
        emulator.AddSubscription(TestSupport.Topic, new SubscriptionOptions
        {
            Name = "unreachable",
            StorageQueue = new StorageQueueDestination(Unreachable(fixture.ConnectionString), "nowhere"),
            DeadLetterBlob = new DeadLetterBlobDestination(fixture.ConnectionString, container),
            MaxDeliveryAttempts = 2,
            InitialRetryDelay = TimeSpan.FromMilliseconds(10),
        });

        await TestSupport.Publisher(emulator).SendEventsAsync([TestSupport.CloudEvent("dl-2"), TestSupport.CloudEvent("dl-3")]);
        await emulator.WaitForDeadLetteredAsync("unreachable", 2, TestSupport.WaitTimeout);

        var blobs = new BlobContainerClient(fixture.ConnectionString, container);
        var written = new List<JsonElement>();
        foreach (var blob in await blobs.GetBlobsAsync().ToListAsync())
        {
            using var content = JsonDocument.Parse((await blobs.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString());
            written.AddRange(content.RootElement.EnumerateArray().Select(e => e.Clone()));
        }

        Assert.Equal(["dl-2", "dl-3"], written.Select(e => e.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        Assert.All(written, e =>
        {
            Assert.Equal("MaxDeliveryAttemptsExceeded", e.GetProperty("deadletterreason").GetString());
            Assert.Equal(2, e.GetProperty("deliveryattempts").GetInt32());
            Assert.Equal("SocketError", e.GetProperty("lastdeliveryoutcome").GetString());
            Assert.False(e.TryGetProperty("lasthttpstatuscode", out _)); // no answer, no status
        });
        Assert.Equal(2, emulator.GetDeadLettered("unreachable").Count);
    }

    [Fact]
    public async Task AddSubscription_DeadLetterBlobWithoutContainer_Refused()
    {
        await using var emulator = await TestSupport.StartAsync();

        var error = Assert.Throws<ArgumentException>(() => emulator.AddSubscription(TestSupport.Topic, new SubscriptionOptions
        {
            Name = "incomplete",
            StorageQueue = new StorageQueueDestination(fixture.ConnectionString, "q"),
            DeadLetterBlob = new DeadLetterBlobDestination(fixture.ConnectionString, ""),
        }));

        Assert.Contains("DeadLetterBlob", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The same account with another key: storage answers 403, which Event Grid does not retry.</summary>
    private static string WithWrongKey(string connectionString) =>
        string.Join(';', connectionString.Split(';').Select(part =>
            part.StartsWith("AccountKey=", StringComparison.Ordinal) ? "AccountKey=" + Convert.ToBase64String(new byte[64]) : part));

    /// <summary>The same account behind a port nothing listens on: every attempt is a connection error.</summary>
    private static string Unreachable(string connectionString) =>
        string.Join(';', connectionString.Split(';').Select(part =>
            part.StartsWith("QueueEndpoint=", StringComparison.Ordinal) ? "QueueEndpoint=http://127.0.0.1:9/devstoreaccount1" : part));
}
