using System.Text;
using Azure.Storage.Queues.Models;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Storage;
using KadoaBridge.Functions.Ingest;
using KadoaBridge.Functions.Tests.Ingest;

namespace KadoaBridge.Functions.Tests.Recovery;

/// <summary>
/// A message that fails ingest every attempt becomes a durable poison copy with its reasons, is counted, and is sent back
/// through ingest once the fault is gone: each destination receives it exactly once. Each test has its own Azurite.
/// </summary>
[Trait("Category", "Integration")]
public class PoisonRecoveryTests
{
    [Fact]
    public async Task KeepPoison_MessageFailingEveryAttempt_DurableCopyWithItsReasonsCountedInStatus()
    {
        await using var harness = await RecoveryHarness.StartAsync();
        var id = SampleEvents.NewId();
        var message = SampleEvents.DataChange(id, "wf-poison");

        var copy = await PoisonAsync(harness, message);

        Assert.Equal(id, copy.EventId);
        Assert.Equal(copy.MessageId, copy.Id); // a queue message id is a GUID: the blob is named after it
        Assert.Equal([1L, 2, 3, 4, 5], copy.Reasons.Select(r => r.Attempt));
        Assert.All(copy.Reasons, r => Assert.Matches("(RequestFailed|TableTransactionFailed)Exception", r.Reason)); // the storage fault, by type
        Assert.NotEqual(copy.MessageId, copy.Reasons[0].MessageId); // the host moved it under a new id; the reasons are the original's
        Assert.Equal(message, copy.MessageText());
        Assert.Equal((0, 0), harness.Arrivals(id)); // the fault hit before delivery
        Assert.Equal(0, (await harness.Queue(QueueNames.IngressPoison).GetPropertiesAsync()).Value.ApproximateMessagesCount); // the poison message completed

        var status = (await harness.StatusAsync()).AssertStatus(200).Json;
        Assert.Equal(1, (long)status["stranded"]!["poison"]!["count"]!);
        Assert.False((bool)status["stranded"]!["poison"]!["capped"]!);
        Assert.Equal(0, (long)status["queues"]!["poisonDepth"]!);
    }

    [Fact]
    public async Task KeepPoison_SameMessageTwice_OverwritesOneCopy()
    {
        await using var harness = await RecoveryHarness.StartAsync();
        var function = harness.Host.Create<PoisonFunction>();
        var body = BinaryData.FromString(SampleEvents.DataChange(SampleEvents.NewId(), "wf-retried"));
        var message = QueuesModelFactory.QueueMessage("3f2504e0-4f89-11d3-9a0c-0305e82c3301", "pop", body, 1);

        await function.RunAsync(message, CancellationToken.None);
        await function.RunAsync(message, CancellationToken.None); // the trigger retried

        var blob = Assert.Single(await harness.PoisonCopies.GetBlobsAsync().ToListAsync());
        Assert.Equal("3f2504e0-4f89-11d3-9a0c-0305e82c3301.json", blob.Name);
    }

    [Fact]
    public async Task KeepPoison_StorageFailingOnTheLastAttempt_MessageBackOnThePoisonQueueForLater()
    {
        await using var harness = await RecoveryHarness.StartAsync();
        var function = harness.Host.Create<PoisonFunction>();
        var body = BinaryData.FromString(SampleEvents.DataChange(SampleEvents.NewId(), "wf-deferred"));
        await new Azure.Data.Tables.TableClient(harness.StorageConnectionString, TableNames.Status).DeleteAsync(); // the failure reasons cannot be read

        await Assert.ThrowsAnyAsync<Azure.RequestFailedException>(() => function.RunAsync(QueuesModelFactory.QueueMessage("m-1", "pop", body, 1), CancellationToken.None));
        await function.RunAsync(QueuesModelFactory.QueueMessage("m-5", "pop", body, IngestFunction.MaxDequeueCount), CancellationToken.None);

        var poisonQueue = harness.Queue(QueueNames.IngressPoison);
        Assert.Equal(1, (await poisonQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount); // waiting, invisible, for the next try
        Assert.Empty((await poisonQueue.PeekMessagesAsync()).Value);
        Assert.Empty(await harness.PoisonCopies.GetBlobsAsync().ToListAsync());
    }

    [Fact]
    public async Task RequeuePoison_AfterTheFaultIsGone_EachDestinationReceivesTheEventOnceAndASecondCallChangesNothing()
    {
        await using var harness = await RecoveryHarness.StartAsync();
        var id = SampleEvents.NewId();
        await PoisonAsync(harness, SampleEvents.DataChange(id, "wf-recover"));

        var first = (await harness.RequeuePoisonAsync()).AssertStatus(200).Json;
        await harness.DrainIngressAsync();

        Assert.Equal(1, (int)first["requeued"]!);
        Assert.Equal(0, (int)first["failed"]!);
        Assert.False((bool)first["remaining"]!);
        Assert.Equal((1, 1), harness.Arrivals(id));
        Assert.Empty(await harness.PoisonCopies.GetBlobsAsync().ToListAsync());
        Assert.Equal(0, (long)(await harness.StatusAsync()).Json["stranded"]!["poison"]!["count"]!);

        var second = (await harness.RequeuePoisonAsync()).AssertStatus(200).Json;
        var ingested = await harness.DrainIngressAsync();

        Assert.Equal(0, (int)second["requeued"]!);
        Assert.False((bool)second["remaining"]!);
        Assert.Equal(0, ingested);
        Assert.Equal((1, 1), harness.Arrivals(id));
    }

    [Fact]
    public async Task RequeuePoison_EventAlreadyIngested_DedupeDropsTheRepeat()
    {
        await using var harness = await RecoveryHarness.StartAsync();
        var id = SampleEvents.NewId();
        var message = SampleEvents.DataChange(id, "wf-repeat");
        await PoisonAsync(harness, message);
        await harness.Queue(QueueNames.Ingress).SendMessageAsync(message); // the listener published it again meanwhile
        await harness.DrainIngressAsync();

        (await harness.RequeuePoisonAsync()).AssertStatus(200);
        await harness.DrainIngressAsync();

        Assert.Equal((1, 1), harness.Arrivals(id));
    }

    [Fact]
    public async Task RequeuePoison_MoreCopiesThanMax_StopsAtMaxAndSaysRemainingUntilDone()
    {
        await using var harness = await RecoveryHarness.StartAsync();
        var ids = Enumerable.Range(0, 3).Select(_ => SampleEvents.NewId()).ToList();
        foreach (var id in ids)
        {
            await KeepAsync(harness, SampleEvents.DataChange(id, "wf-many"));
        }

        var first = (await harness.RequeuePoisonAsync(new Dictionary<string, string> { ["max"] = "2" })).AssertStatus(200).Json;
        var second = (await harness.RequeuePoisonAsync(body: """{"max": 2}""")).AssertStatus(200).Json;
        await harness.DrainIngressAsync();

        Assert.Equal((2, true), ((int)first["requeued"]!, (bool)first["remaining"]!));
        Assert.Equal((1, false), ((int)second["requeued"]!, (bool)second["remaining"]!));
        Assert.All(ids, id => Assert.Equal((1, 1), harness.Arrivals(id)));
    }

    [Fact]
    public async Task ListPoison_ThreeCopiesTwoPerPage_ReasonsAndMessagesOnTwoPages()
    {
        await using var harness = await RecoveryHarness.StartAsync();
        var failures = harness.Service<IngestFailureStore>();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var id = SampleEvents.NewId();
            var body = Encoding.UTF8.GetBytes(SampleEvents.DataChange(id, "wf-list"));
            await failures.RecordAsync("original-" + i, body, 5, poisoned: true, $"TimeoutException: attempt of {id}", CancellationToken.None);
            await harness.Service<PoisonKeeper>().KeepAsync($"poison-{i}", body, CancellationToken.None);
            ids.Add(id);
        }

        var first = (await harness.ListPoisonAsync(new Dictionary<string, string> { ["pageSize"] = "2" })).AssertStatus(200).Json;
        var token = (string)first["continuationToken"]!;
        var second = (await harness.ListPoisonAsync(new Dictionary<string, string> { ["pageSize"] = "2", ["continuationToken"] = token })).AssertStatus(200).Json;

        var items = first["items"]!.AsArray().Concat(second["items"]!.AsArray()).ToList();
        Assert.Equal(2, first["items"]!.AsArray().Count);
        Assert.Null(second["continuationToken"]);
        Assert.Equal(["poison-0", "poison-1", "poison-2"], items.Select(i => (string)i!["id"]!));
        Assert.Equal(ids, items.Select(i => (string)i!["eventId"]!));
        Assert.Equal(ids, items.Select(i => (string)i!["message"]!["id"]!)); // the CloudEvent itself, as JSON
        Assert.All(items, i => Assert.Equal($"TimeoutException: attempt of {(string)i!["eventId"]!}", (string)Assert.Single(i!["reasons"]!.AsArray())!["reason"]!));
    }

    [Fact]
    public async Task DiscardPoison_ExistingCopy_GoneThen404()
    {
        await using var harness = await RecoveryHarness.StartAsync();
        var copy = await KeepAsync(harness, SampleEvents.DataChange(SampleEvents.NewId(), "wf-discard"));

        (await harness.DiscardPoisonAsync(copy.Id)).AssertStatus(204);
        Assert.StartsWith("application/problem+json", (await harness.DiscardPoisonAsync(copy.Id)).AssertStatus(404).ContentType, StringComparison.Ordinal);

        Assert.Empty(await harness.PoisonCopies.GetBlobsAsync().ToListAsync());
        Assert.Equal(0, (int)(await harness.RequeuePoisonAsync()).Json["requeued"]!); // nothing left to send back
    }

    /// <summary>Ingests <paramref name="message"/> from queue <c>ingress</c> while storage fails, until the host poisons it and KeepPoison keeps it.</summary>
    private static async Task<PoisonCopy> PoisonAsync(RecoveryHarness harness, string message)
    {
        await harness.Queue(QueueNames.Ingress).SendMessageAsync(message); // as Event Grid writes it
        await harness.BreakDedupeAsync();
        try
        {
            Assert.Equal(IngestFunction.MaxDequeueCount, await harness.DrainIngressAsync());
        }
        finally
        {
            await harness.RestoreDedupeAsync();
        }

        Assert.Equal(1, await harness.DrainPoisonAsync());
        var page = await harness.Service<PoisonStore>().ListAsync(10, null, CancellationToken.None);
        return Assert.Single(page.Items);
    }

    private static Task<PoisonCopy> KeepAsync(RecoveryHarness harness, string message) =>
        harness.Service<PoisonKeeper>().KeepAsync(Guid.NewGuid().ToString(), Encoding.UTF8.GetBytes(message), CancellationToken.None);
}
