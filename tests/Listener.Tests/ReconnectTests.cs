using System.Globalization;
using KadoaBridge.KadoaSimulator;

namespace KadoaBridge.Listener.Tests;

[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class ReconnectTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Reconnect_StreamDroppedRepeatedlyAfterCarryingEvents_WaitsOnlyTheMinimumEachTime()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kadoa:ReconnectMinDelay"] = "00:00:00.200",
            ["Kadoa:ReconnectMaxDelay"] = "00:00:10",
        };
        await using var bridge = await BridgeHarness.StartAsync(azurite, settings: settings);
        await bridge.Kadoa.WaitForSubscribersAsync(1, Timeout);
        var emitted = new List<SimulatedEvent>();
        for (var round = 0; round < 5; round++)
        {
            // The socket subscribed and carried an event, then the stream drops without a close frame.
            emitted.Add(await bridge.Kadoa.EmitDataChangeAsync("wf-drop"));
            await bridge.Kadoa.WaitForAcksAsync([emitted[^1].DeliveryId], Timeout);
            var subscriptions = bridge.Kadoa.Subscriptions.Count;
            bridge.Kadoa.AbortAllSockets();
            await Wait.UntilAsync(() => bridge.Kadoa.Subscriptions.Count > subscriptions, Timeout, $"the listener resubscribes after drop {round + 1}");
        }

        var delays = bridge.Logs
            .Where(l => l.Id.Name == "SocketClosed") // "reconnecting in {Delay}"
            .Select(l => TimeSpan.Parse(l.GetStructuredStateValue("Delay")!, CultureInfo.InvariantCulture))
            .ToList();
        Assert.Equal(5, delays.Count);
        Assert.All(delays, d => Assert.True(d <= TimeSpan.FromMilliseconds(250), $"waited {d} after a healthy socket: {string.Join(", ", delays)}"));
    }
}
