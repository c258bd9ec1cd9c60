using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.Kadoa;
using KadoaBridge.EventGridEmulator;
using Microsoft.Extensions.Logging.Testing;
using Xunit.Abstractions;

namespace KadoaBridge.Listener.Tests;

[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class SecurityTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const string TokenPath = "/v4/oauth2/token";
    private const string AckPath = "/realtime/api/v1/events/ack";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task WrongKey_RefusedByKadoa_IsReportedOnceAndRetriedSlowly()
    {
        var settings = new Dictionary<string, string?> { ["Kadoa:ApiKey"] = "not-the-key", ["Kadoa:RejectedKeyRetryDelay"] = "00:00:01" };
        await using var bridge = await BridgeHarness.StartAsync(azurite, settings: settings);

        await Wait.UntilAsync(() => bridge.Kadoa.TokenRequestsRejected >= 3, Timeout, "three refused attempts");
        var state = bridge.Service<ListenerState>();
        // The simulator counts a refusal before the listener has read the answer: wait for the state, do not race it.
        await Wait.UntilAsync(() => state.State == ConnectionState.KeyRejected, Timeout, "the listener shows the refused key");
        Assert.Single(bridge.Logs, l => l.Id.Name == "KeyRejected" && l.Level == Microsoft.Extensions.Logging.LogLevel.Error);
        Assert.Contains("Kadoa__ApiKey", bridge.Logs.Single(l => l.Id.Name == "KeyRejected").Message, StringComparison.Ordinal);
        Assert.Equal(0, bridge.Kadoa.OpenSockets);
        output.WriteLine($"refused token requests: {bridge.Kadoa.TokenRequestsRejected}");
        Assert.True(bridge.Kadoa.TokenRequestsRejected <= 6, "retries are paced by Kadoa__RejectedKeyRetryDelay, not a tight loop");

        bridge.Kadoa.ApiKeyAccepted = "not-the-key"; // the operator fixes the key on Kadoa's side
        await bridge.Kadoa.WaitForSubscribersAsync(1, Timeout);
        await Wait.UntilAsync(() => state.State == ConnectionState.Connected, Timeout, "connected after the key is accepted");
    }

    [Fact]
    public async Task Logs_FailuresLoggedWithTheirExceptions_NeverContainTheKeyOrTokens()
    {
        await using var bridge = await BridgeHarness.StartAsync(azurite);
        await bridge.Kadoa.WaitForSubscribersAsync(1, Timeout);
        var first = await bridge.Kadoa.EmitDataChangeAsync("wf-s");
        await bridge.Kadoa.WaitForAcksAsync([first.DeliveryId], Timeout);

        // Kadoa answers the token request with an error that echoes the key (each call and its three retries), then
        // refuses the socket upgrade whose URL carries the token: both failures are logged with their exceptions.
        var echo = $$"""{"message":"x-api-key {{bridge.ApiKey}} is not allowed right now"}""";
        bridge.Kadoa.AnswerNextRequests(TokenPath, 500, "application/json", echo, 4);
        bridge.Kadoa.FailNextRequests("/realtime", 503, 1);
        var subscriptions = bridge.Kadoa.Subscriptions.Count;
        bridge.Kadoa.AbortAllSockets();
        await Wait.UntilAsync(() => bridge.Kadoa.Subscriptions.Count > subscriptions, Timeout, "the listener resubscribes after both failures");

        // Event Grid fails two publish calls (each with the SDK's three retries), then Kadoa refuses the acknowledgement
        // with the key in its answer.
        bridge.EventGrid.InjectFault(BridgeHarness.Topic, new FaultSpec(503, count: 8));
        bridge.Kadoa.AnswerNextRequests(AckPath, 500, "application/json", echo, 4);
        await bridge.Kadoa.EmitDataChangeAsync("wf-s");
        await Wait.UntilAsync(() => bridge.Logs.Any(l => l.Id.Name == "AckFailed"), Timeout, "the refused acknowledgement is logged");
        await bridge.StopListenerAsync();

        var logs = bridge.Logs;
        var connectFailed = logs.Where(l => l.Id.Name == "ConnectFailed").ToList();
        Assert.Contains(connectFailed, l => l.GetStructuredStateValue("During") == "token request" && l.Exception is KadoaRequestException);
        Assert.Contains(connectFailed, l => l.GetStructuredStateValue("During") == "socket" && l.Exception is not null);
        Assert.Contains(logs, l => l.Id.Name == "StageFailed" && l.Exception is Azure.RequestFailedException { Status: 503 });
        var ackFailed = Assert.Single(logs, l => l.Id.Name == "AckFailed");
        Assert.Contains("[redacted]", ackFailed.Exception!.Message, StringComparison.Ordinal); // Kadoa did echo the key
        var secrets = new[] { bridge.ApiKey, bridge.EventGrid.GetTopicKey(BridgeHarness.Topic) }.Concat(bridge.Kadoa.IssuedTokens).ToList();
        Assert.True(secrets.Count >= 4);
        AssertNoSecret(logs, secrets);
        output.WriteLine($"checked {logs.Count} log records against {secrets.Count} secrets");
    }

    [Fact]
    public async Task Logs_AtTraceLevelThroughReconnects_NeverContainTheKeyOrTokens()
    {
        await using var bridge = await BridgeHarness.StartAsync(azurite);
        await bridge.Kadoa.WaitForSubscribersAsync(1, Timeout);
        await bridge.Kadoa.EmitDataChangeAsync("wf-s");
        await bridge.EventGrid.WaitForAcceptedAsync(BridgeHarness.Topic, 1, Timeout); // a cursor exists to resume from
        bridge.Kadoa.AbortAllSockets();
        await bridge.Kadoa.WaitForSubscribersAsync(1, Timeout);
        await bridge.Kadoa.EmitDataChangeAsync("wf-s");
        await bridge.EventGrid.WaitForAcceptedAsync(BridgeHarness.Topic, 2, Timeout);
        await bridge.StopListenerAsync();

        var secrets = new[] { bridge.ApiKey, bridge.EventGrid.GetTopicKey(BridgeHarness.Topic) }.Concat(bridge.Kadoa.IssuedTokens).ToList();
        Assert.True(secrets.Count >= 4);
        var logs = bridge.Logs;
        Assert.NotEmpty(logs);
        AssertNoSecret(logs, secrets);
        output.WriteLine($"checked {logs.Count} log records against {secrets.Count} secrets");
    }

    /// <summary>Message, structured values and the whole exception (type, message, inner exceptions, stack) of every record.</summary>
    private static void AssertNoSecret(IReadOnlyList<FakeLogRecord> logs, IReadOnlyList<string> secrets)
    {
        foreach (var record in logs)
        {
            var text = record.Message + " " + record.Exception + " " + string.Join(";", record.StructuredState?.Select(kv => kv.Value) ?? []);
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }
    }
}
