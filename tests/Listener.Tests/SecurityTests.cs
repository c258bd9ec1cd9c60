using KadoaBridge.Core.Diagnostics;
using Xunit.Abstractions;

namespace KadoaBridge.Listener.Tests;

[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class SecurityTests(AzuriteFixture azurite, ITestOutputHelper output)
{
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
        Assert.Single(bridge.Logs, l => l.Id.Id == 104 && l.Level == Microsoft.Extensions.Logging.LogLevel.Error);
        Assert.Contains("Kadoa__ApiKey", bridge.Logs.Single(l => l.Id.Id == 104).Message, StringComparison.Ordinal);
        Assert.Equal(0, bridge.Kadoa.OpenSockets);
        output.WriteLine($"refused token requests: {bridge.Kadoa.TokenRequestsRejected}");
        Assert.True(bridge.Kadoa.TokenRequestsRejected <= 6, "retries are paced by Kadoa__RejectedKeyRetryDelay, not a tight loop");

        bridge.Kadoa.ApiKeyAccepted = "not-the-key"; // the operator fixes the key on Kadoa's side
        await bridge.Kadoa.WaitForSubscribersAsync(1, Timeout);
        await Wait.UntilAsync(() => state.State == ConnectionState.Connected, Timeout, "connected after the key is accepted");
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
        foreach (var record in logs)
        {
            var text = record.Message + " " + record.Exception + " " + string.Join(";", record.StructuredState?.Select(kv => kv.Value) ?? []);
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }

        output.WriteLine($"checked {logs.Count} log records against {secrets.Count} secrets");
    }
}
