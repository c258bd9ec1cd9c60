namespace KadoaBridge.Core.Kadoa.Provisioning;

/// <summary>What <c>GET /api/setup</c> shows: Kadoa's current state beside the bridge's record.</summary>
/// <param name="Channel">The workspace's WebSocket channel as Kadoa reports it now; null when there is none.</param>
/// <param name="Settings">Every setting that routes to that channel, as Kadoa reports it now.</param>
/// <param name="Record">What the bridge's provisioning calls recorded.</param>
public sealed record ProvisioningStatus(KadoaChannel? Channel, IReadOnlyList<KadoaSetting> Settings, ProvisioningRecord Record);
