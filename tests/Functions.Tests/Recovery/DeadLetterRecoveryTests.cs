using System.Text.Json;
using KadoaBridge.Core.ControlPlane;
using KadoaBridge.Core.Storage;
using KadoaBridge.Functions.Tests.Ingest;

namespace KadoaBridge.Functions.Tests.Recovery;

/// <summary>
/// Events the ingress subscription dead-lettered (the emulator writing into Azurite as Event Grid does, or blobs written
/// in that format) are counted and sent back through ingest exactly once, and their blobs are deleted. Each test has its
/// own Azurite.
/// </summary>
[Trait("Category", "Integration")]
public class DeadLetterRecoveryTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RequeueDeadLetters_QueueRefusedTheEvent_CountedThenDeliveredOnceAndTheBlobIsGone()
    {
        await using var harness = await RecoveryHarness.StartAsync();
        var ingress = await harness.StartIngressTopicAsync(queueRefuses: true);
        var id = SampleEvents.NewId();
        var published = SampleEvents.DataChange(id, "wf-deadletter");
        await harness.PublishToIngressAsync(published);
        await ingress.WaitForDeadLetteredAsync(RecoveryHarness.IngressSubscription, 1, Timeout);

        var stranded = (await harness.StatusAsync()).AssertStatus(200).Json["stranded"]!;
        Assert.Equal(1, (long)stranded["deadLetters"]!["count"]!);
        Assert.Equal(1, (long)stranded["deadLetterBlobs"]!["count"]!);
        Assert.False((bool)stranded["deadLetters"]!["capped"]!);

        var first = (await harness.RequeueDeadLettersAsync()).AssertStatus(200).Json;
        var requeued = Assert.Single((await harness.Queue(QueueNames.Ingress).PeekMessagesAsync(32)).Value);
        await harness.DrainIngressAsync();

        Assert.Equal((1, 0, false), ((int)first["requeued"]!, (int)first["failed"]!, (bool)first["remaining"]!));
        using (var onQueue = JsonDocument.Parse(requeued.Body.ToString()))
        using (var original = JsonDocument.Parse(published))
        {
            Assert.True(JsonElement.DeepEquals(original.RootElement, onQueue.RootElement), "the queue message is the published CloudEvent without the dead-letter attributes: " + requeued.Body);
        }

        Assert.Equal((1, 1), harness.Arrivals(id));
        Assert.Empty(await harness.DeadLetters.GetBlobsAsync().ToListAsync());
        Assert.Equal(0, (long)(await harness.StatusAsync()).Json["stranded"]!["deadLetters"]!["count"]!);

        var second = (await harness.RequeueDeadLettersAsync()).AssertStatus(200).Json;
        Assert.Equal((0, false), ((int)second["requeued"]!, (bool)second["remaining"]!));
        Assert.Equal(0, await harness.DrainIngressAsync());
        Assert.Equal((1, 1), harness.Arrivals(id));
    }

    [Fact]
    public async Task RequeueDeadLetters_BlobsOfSeveralEvents_WholeBlobsWithinMaxThenTheRest()
    {
        await using var harness = await RecoveryHarness.StartAsync();
        var ids = Enumerable.Range(0, 3).Select(_ => SampleEvents.NewId()).ToList();
        await WriteDeadLetterAsync(harness, "INGRESS/INGRESS-TO-QUEUE/2025/3/1/9/a.json", ids[0], ids[1]);
        await WriteDeadLetterAsync(harness, "INGRESS/INGRESS-TO-QUEUE/2025/3/1/9/b.json", ids[2]);

        var first = (await harness.RequeueDeadLettersAsync(new Dictionary<string, string> { ["max"] = "2" })).AssertStatus(200).Json;
        var left = await harness.DeadLetters.GetBlobsAsync().ToListAsync();
        var second = (await harness.RequeueDeadLettersAsync(new Dictionary<string, string> { ["max"] = "2" })).AssertStatus(200).Json;
        await harness.DrainIngressAsync();

        Assert.Equal((2, true), ((int)first["requeued"]!, (bool)first["remaining"]!)); // a.json whole; b.json would pass max
        Assert.Equal(["INGRESS/INGRESS-TO-QUEUE/2025/3/1/9/b.json"], left.Select(b => b.Name));
        Assert.Equal((1, false), ((int)second["requeued"]!, (bool)second["remaining"]!));
        Assert.All(ids, id => Assert.Equal((1, 1), harness.Arrivals(id)));
        Assert.Empty(await harness.DeadLetters.GetBlobsAsync().ToListAsync());
    }

    [Fact]
    public async Task RequeueDeadLetters_BlobThatIsNotAnArray_FailedAndLeftInPlace()
    {
        await using var harness = await RecoveryHarness.StartAsync();
        await harness.DeadLetters.UploadBlobAsync("INGRESS/X/2025/3/1/9/broken.json", BinaryData.FromString("""{"not":"an array"}"""));

        var answer = (await harness.RequeueDeadLettersAsync()).AssertStatus(200).Json;

        Assert.Equal((0, 1, false), ((int)answer["requeued"]!, (int)answer["failed"]!, (bool)answer["remaining"]!));
        Assert.Contains("not a JSON array", (string)answer["lastError"]!, StringComparison.Ordinal);
        Assert.Single(await harness.DeadLetters.GetBlobsAsync().ToListAsync());
    }

    [Fact]
    public void Strip_EventGridDeadLetterAttributes_RemovedEverythingElseKept()
    {
        using var deadLetter = JsonDocument.Parse("""
            {"specversion":"1.0","id":"chg-1","source":"s","type":"t","data":{"deliveryattempts":3},
             "deadletterreason":"MaxDeliveryAttemptsExceeded","deliveryattempts":30,"lastdeliveryoutcome":"Busy",
             "lasthttpstatuscode":503,"publishtime":"2025-03-01T09:00:00Z","lastdeliveryattempttime":"2025-03-02T09:00:00Z",
             "deadLetterReason":"camelCase too"}
            """);

        var stripped = DeadLetterEvents.Strip(deadLetter.RootElement);

        Assert.Equal("""{"specversion":"1.0","id":"chg-1","source":"s","type":"t","data":{"deliveryattempts":3}}""", stripped);
        Assert.Null(DeadLetterEvents.Strip(JsonDocument.Parse("[]").RootElement));
    }

    /// <summary>A dead-letter blob as Event Grid writes it: a JSON array of the events with its attributes added.</summary>
    private static async Task WriteDeadLetterAsync(RecoveryHarness harness, string name, params string[] ids)
    {
        await harness.DeadLetters.CreateIfNotExistsAsync();
        var events = ids.Select(id => SampleEvents.DataChange(id, "wf-blob").TrimEnd()[..^1] +
            ""","deadletterreason":"MaxDeliveryAttemptsExceeded","deliveryattempts":30,"lastdeliveryoutcome":"Busy","lasthttpstatuscode":503,"publishtime":"2025-03-01T09:00:00Z","lastdeliveryattempttime":"2025-03-02T09:00:00Z"}""");
        await harness.DeadLetters.UploadBlobAsync(name, BinaryData.FromString("[" + string.Join(',', events) + "]"));
    }
}
