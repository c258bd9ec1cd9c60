using System.Net;
using System.Text;
using System.Text.Json;

namespace KadoaBridge.EventGridEmulator.Tests;

[Trait("Category", "Integration")]
public sealed class PublishTests
{
    [Fact]
    public async Task SendEventsAsync_BatchWithRealSdk_AcceptedInOrderAndReadable()
    {
        await using var emulator = await TestSupport.StartAsync();
        var client = TestSupport.Publisher(emulator);

        await client.SendEventsAsync(
        [
            TestSupport.CloudEvent("c1", "workflows/w1/changes/c1"),
            TestSupport.CloudEvent("c2", "workflows/w1/changes/c2"),
            TestSupport.CloudEvent("c3"),
        ]);
        await emulator.WaitForAcceptedAsync(TestSupport.Topic, 3, TestSupport.WaitTimeout);

        var accepted = emulator.GetAccepted(TestSupport.Topic);
        Assert.Equal(["c1", "c2", "c3"], accepted.Select(e => e.Id));
        var first = accepted[0];
        Assert.Equal("Kadoa.Workflow.DataChanged", first.Type);
        Assert.Equal("https://www.kadoa.com/workflow/w1", first.Source);
        Assert.Equal("workflows/w1/changes/c1", first.Subject);
        Assert.Null(accepted[2].Subject);
        Assert.Equal("1.0", first.CloudEvent.GetProperty("specversion").GetString());
        Assert.Equal("team1", first.CloudEvent.GetProperty("teamid").GetString());
        Assert.Equal("c1", first.CloudEvent.GetProperty("data").GetProperty("changeId").GetString());
        Assert.Equal(Encoding.UTF8.GetByteCount(first.CloudEvent.GetRawText()), first.SizeBytes);
        Assert.True(first.AcceptedTimestamp > 0);
        Assert.True(DateTimeOffset.UtcNow - first.AcceptedAt < TimeSpan.FromMinutes(1));
        Assert.Equal(1, emulator.TotalRequests);
    }

    [Fact]
    public async Task SendEventAsync_SingleEventWithRealSdk_Accepted()
    {
        await using var emulator = await TestSupport.StartAsync();

        await TestSupport.Publisher(emulator).SendEventAsync(TestSupport.CloudEvent("single"));

        Assert.Equal("single", Assert.Single(emulator.GetAccepted(TestSupport.Topic)).Id);
    }

    [Fact]
    public async Task Post_SingleCloudEventContentType_AcceptedWithRawJsonKept()
    {
        await using var emulator = await TestSupport.StartAsync();
        var json = TestSupport.EventJson("s1", "workflows/w1/changes/s1", ",\"workflowid\":\"w1\",\"time\":\"2024-05-01T12:00:00.123+02:00\"");

        using var response = await TestSupport.PostAsync(emulator, json, "application/cloudevents+json; charset=utf-8");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var accepted = Assert.Single(emulator.GetAccepted(TestSupport.Topic));
        Assert.Equal(json, accepted.CloudEvent.GetRawText());
        Assert.Equal("w1", accepted.CloudEvent.GetProperty("workflowid").GetString());
    }

    [Fact]
    public async Task Post_BearerToken_Accepted()
    {
        await using var emulator = await TestSupport.StartAsync();

        using var response = await TestSupport.PostAsync(emulator, "[" + TestSupport.EventJson("b1") + "]", bearer: "any-token");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(emulator.GetAccepted(TestSupport.Topic));
    }

    [Fact]
    public async Task Post_SameIdTwice_CountedTwice()
    {
        await using var emulator = await TestSupport.StartAsync();
        var client = TestSupport.Publisher(emulator);

        await client.SendEventAsync(TestSupport.CloudEvent("dup"));
        await client.SendEventsAsync([TestSupport.CloudEvent("dup"), TestSupport.CloudEvent("other")]);

        var counts = emulator.GetAcceptedIdCounts(TestSupport.Topic);
        Assert.Equal(2, counts["dup"]);
        Assert.Equal(1, counts["other"]);
        Assert.Equal(3, emulator.GetAccepted(TestSupport.Topic).Count);
    }

    [Fact]
    public async Task Post_ExtensionNameOf20Characters_Accepted()
    {
        await using var emulator = await TestSupport.StartAsync();

        using var response = await TestSupport.PostAsync(emulator, "[" + TestSupport.EventJson("e1", extra: ",\"abcdefghij0123456789\":true") + "]");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SendEventAsync_EventOfOneMillionBytes_Accepted()
    {
        await using var emulator = await TestSupport.StartAsync();

        await TestSupport.Publisher(emulator).SendEventAsync(TestSupport.CloudEvent("big", data: new string('x', 1_000_000)));

        Assert.True(Assert.Single(emulator.GetAccepted(TestSupport.Topic)).SizeBytes > 1_000_000);
    }

    [Fact]
    public async Task EventAccepted_Callback_CalledPerEventWithTopic()
    {
        var seen = new List<string>();
        await using var emulator = await TestSupport.StartAsync(configure: o => o.EventAccepted = (topic, e) =>
        {
            lock (seen)
            {
                seen.Add(topic + "/" + e.Id);
            }
        });

        await TestSupport.Publisher(emulator).SendEventsAsync([TestSupport.CloudEvent("a"), TestSupport.CloudEvent("b")]);

        Assert.Equal(["ingress/a", "ingress/b"], seen);
    }

    [Fact]
    public async Task GetTopicEndpoint_ConfiguredTopic_PointsAtLoopbackPublishPath()
    {
        await using var emulator = await TestSupport.StartAsync(t => t.Key = "k1");

        Assert.Equal(new Uri($"http://127.0.0.1:{emulator.Port}/topics/ingress/api/events"), emulator.GetTopicEndpoint("ingress"));
        Assert.Equal("k1", emulator.GetTopicKey("ingress"));
        Assert.Throws<ArgumentException>(() => emulator.GetTopicEndpoint("nope"));
    }

    [Fact]
    public async Task WaitForAcceptedAsync_NotEnoughEvents_ThrowsTimeoutException()
    {
        await using var emulator = await TestSupport.StartAsync();
        await TestSupport.Publisher(emulator).SendEventAsync(TestSupport.CloudEvent("only"));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => emulator.WaitForAcceptedAsync(TestSupport.Topic, 2, TimeSpan.FromMilliseconds(100)));

        Assert.Contains("there are 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAccepted_Snapshot_UnaffectedByLaterPublishes()
    {
        await using var emulator = await TestSupport.StartAsync();
        var client = TestSupport.Publisher(emulator);
        await client.SendEventAsync(TestSupport.CloudEvent("first"));
        var snapshot = emulator.GetAccepted(TestSupport.Topic);

        await client.SendEventsAsync(Enumerable.Range(0, 2000).Select(i => TestSupport.CloudEvent("n" + i)));

        Assert.Single(snapshot);
        Assert.Equal(2001, emulator.GetAccepted(TestSupport.Topic).Count);
        Assert.Equal(JsonValueKind.Object, snapshot[0].CloudEvent.ValueKind);
    }
}
