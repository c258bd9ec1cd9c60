namespace KadoaBridge.Core.Kadoa.Provisioning;

/// <summary>What <c>POST /api/setup</c> did: the channel, then each setting created, merged or left alone.</summary>
/// <param name="Channel">The WebSocket channel; null when the call stopped before it was found or created.</param>
/// <param name="Created">Settings that did not exist and were created routing to the channel.</param>
/// <param name="Updated">Existing settings the channel was added to, their other channels kept.</param>
/// <param name="Unchanged">Settings that already routed to the channel: left alone.</param>
/// <param name="Failure">Null when everything was done; otherwise where it stopped (a second call completes it).</param>
public sealed record SetupResult(
    ProvisionedChannel? Channel,
    IReadOnlyList<ProvisionedSetting> Created,
    IReadOnlyList<ProvisionedSetting> Updated,
    IReadOnlyList<ProvisionedSetting> Unchanged,
    ProvisioningFailure? Failure)
{
    /// <summary>True when every requested setting routes to the channel.</summary>
    public bool Complete => Failure is null;
}
