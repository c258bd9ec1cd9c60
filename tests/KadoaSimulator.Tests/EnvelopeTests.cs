using System.Text.Json;
using System.Text.Json.Nodes;

namespace KadoaBridge.KadoaSimulator.Tests;

[Trait("Category", "Integration")]
public sealed class EnvelopeTests
{
    [Theory]
    [InlineData(EnvelopeVariant.Documented, new[] { "type", "timestamp", "id", "_cursor", "data" })]
    [InlineData(EnvelopeVariant.Sdk, new[] { "type", "timestamp", "id", "_cursor", "message" })]
    [InlineData(EnvelopeVariant.Legacy, new[] { "eventType", "timestamp", "id", "_cursor", "message" })]
    public async Task Emit_EnvelopeVariant_HasExactShape(EnvelopeVariant variant, string[] expectedKeys)
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        await using var client = await TestClient.ConnectAsync(simulator);

        var emitted = await simulator.EmitAsync("workflow_finished", new JsonObject { ["workflowId"] = "wf-1" }, new EmitOptions { Envelope = variant });
        var frame = await client.ReceiveEventAsync();

        Assert.Equal(expectedKeys, frame.Select(p => p.Key));
        Assert.Equal("workflow_finished", frame[expectedKeys[0]]!.GetValue<string>());
        Assert.Equal("dlv-1", frame["id"]!.GetValue<string>());
        Assert.Equal(emitted.DeliveryId, frame["id"]!.GetValue<string>());
        Assert.Equal(emitted.Cursor, frame["_cursor"]!.GetValue<string>());
        Assert.Equal("wf-1", frame[expectedKeys[4]]!["workflowId"]!.GetValue<string>());
        var timestamp = frame["timestamp"]!;
        if (variant == EnvelopeVariant.Legacy)
        {
            Assert.Equal(JsonValueKind.String, timestamp.GetValueKind());
            Assert.Equal(emitted.Timestamp.ToUnixTimeMilliseconds(), DateTimeOffset.Parse(timestamp.GetValue<string>()).ToUnixTimeMilliseconds());
            Assert.EndsWith("Z", timestamp.GetValue<string>(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(emitted.Timestamp.ToUnixTimeMilliseconds(), timestamp.GetValue<long>());
        }
    }

    [Fact]
    public async Task Emit_DefaultEnvelopeOption_AppliesToEveryEvent()
    {
        await using var simulator = await TestClient.StartSimulatorAsync(o => o.DefaultEnvelope = EnvelopeVariant.Sdk);
        await using var client = await TestClient.ConnectAsync(simulator);

        await simulator.EmitAsync("credits_low", new JsonObject { ["remainingCredits"] = 5 });
        var frame = await client.ReceiveEventAsync();

        Assert.Equal(5, frame["message"]!["remainingCredits"]!.GetValue<int>());
        Assert.False(frame.ContainsKey("data"));
    }

    [Fact]
    public async Task Emit_OmitDeliveryIdAndCursor_FieldsAbsent()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        await using var client = await TestClient.ConnectAsync(simulator);

        var emitted = await simulator.EmitAsync("system_maintenance", null, new EmitOptions { OmitDeliveryId = true, OmitCursor = true });
        var frame = await client.ReceiveEventAsync();

        Assert.Equal(["type", "timestamp", "data"], frame.Select(p => p.Key));
        Assert.Null(frame["data"]);
        Assert.Equal(string.Empty, emitted.DeliveryId);
        Assert.Equal("cur-00000001", emitted.Cursor);
    }

    [Fact]
    public async Task Emit_GivenDeliveryId_SentAndLogged()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        await using var client = await TestClient.ConnectAsync(simulator);

        await simulator.EmitAsync("workflow_started", null, new EmitOptions { DeliveryId = "dup-1" });
        await simulator.EmitAsync("workflow_started", null, new EmitOptions { DeliveryId = "dup-1" });
        var frames = await client.ReceiveEventsAsync(2);

        Assert.All(frames, f => Assert.Equal("dup-1", f["id"]!.GetValue<string>()));
        Assert.Equal(["cur-00000001", "cur-00000002"], frames.Select(f => f["_cursor"]!.GetValue<string>()));
        Assert.All(simulator.Log, e => Assert.Equal("dup-1", e.DeliveryId));
    }

    [Fact]
    public async Task EmitDataChange_Payload_HasKadoaShape()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        await using var client = await TestClient.ConnectAsync(simulator);

        var emitted = await simulator.EmitDataChangeAsync("wf-7", snapshotRows: 4);
        var payload = (await client.ReceiveEventAsync())["data"]!.AsObject();

        var changeId = payload["id"]!.GetValue<string>();
        Assert.StartsWith("chg-", changeId, StringComparison.Ordinal);
        Assert.Equal(emitted.ChangeId, changeId);
        Assert.NotEqual(emitted.DeliveryId, changeId);
        Assert.Equal("wf-7", payload["workflowId"]!.GetValue<string>());
        Assert.Equal(4, payload["data"]!.AsArray().Count);
        Assert.StartsWith("https://", payload["url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(DateTimeOffset.TryParse(payload["createdAt"]!.GetValue<string>(), out _));
        var differences = payload["differences"]!.AsArray();
        Assert.Equal(["changed", "added", "removed"], differences.Select(d => d!["type"]!.GetValue<string>()));
        var fields = differences.SelectMany(d => d!["fields"]!.AsArray()).ToList();
        Assert.All(fields, f => Assert.NotNull(f!["key"]));
        Assert.All(differences[0]!["fields"]!.AsArray(), f => Assert.True(f!.AsObject().ContainsKey("previousValue")));
        Assert.All(differences.Skip(1).SelectMany(d => d!["fields"]!.AsArray()), f => Assert.False(f!.AsObject().ContainsKey("previousValue")));
        var kinds = fields.Select(f => f!["value"]?.GetValueKind() ?? JsonValueKind.Null).ToHashSet();
        Assert.Superset(new HashSet<JsonValueKind> { JsonValueKind.String, JsonValueKind.Number, JsonValueKind.False, JsonValueKind.Null }, kinds);
    }

    [Fact]
    public async Task EmitDataChangeOfSize_ThreeMegabytes_ArrivesIntactNearRequestedSize()
    {
        const int Size = 3 * 1024 * 1024;
        await using var simulator = await TestClient.StartSimulatorAsync();
        await using var client = await TestClient.ConnectAsync(simulator);

        var emitted = await simulator.EmitDataChangeOfSizeAsync("wf-big", Size);
        var frame = await client.ReceiveEventAsync(); // not a heartbeat that a loaded machine lets in first

        var payloadBytes = System.Text.Encoding.UTF8.GetByteCount(frame["data"]!.ToJsonString());
        Assert.InRange(payloadBytes, Size * 0.98, Size * 1.02);
        Assert.Equal(emitted.ChangeId, frame["data"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task SendRaw_MalformedFrame_ArrivesVerbatimAndIsNotLogged()
    {
        await using var simulator = await TestClient.StartSimulatorAsync(o => o.HeartbeatInterval = TimeSpan.FromMinutes(5));
        await using var client = await TestClient.ConnectAsync(simulator);

        await simulator.SendRawAsync("{\"type\":\"workflow_data_change\",\"data\":");
        var text = await client.ReceiveTextAsync();

        Assert.Equal("{\"type\":\"workflow_data_change\",\"data\":", text);
        Assert.Empty(simulator.Log);
    }

    [Fact]
    public async Task Emit_OnlySecondEventDelivered_SentTimestampSetOnlyForDelivered()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        var unsent = await simulator.EmitAsync("workflow_started", null);
        await using var client = await TestClient.ConnectAsync(simulator);

        var sent = await simulator.EmitAsync("workflow_started", null);
        await client.ReceiveEventAsync();
        await simulator.WaitUntilAsync(() => simulator.Log[1].SentTimestamp != 0, TestClient.Timeout, () => "not marked sent");

        Assert.Equal(0, sent.SentTimestamp);
        Assert.Equal(0, simulator.Log[0].SentTimestamp);
        Assert.Equal(unsent.Sequence, simulator.Log[0].Sequence);
    }
}
