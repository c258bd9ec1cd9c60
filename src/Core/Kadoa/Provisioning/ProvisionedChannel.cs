namespace KadoaBridge.Core.Kadoa.Provisioning;

/// <summary>The workspace's WebSocket channel the bridge routes to.</summary>
/// <param name="Id">Kadoa's channel id.</param>
/// <param name="Name">Its name (the bridge's <see cref="ProvisioningOptions.ChannelName"/> only when the bridge created it).</param>
/// <param name="Created">True when this call created it; false when an existing one was reused.</param>
public sealed record ProvisionedChannel(string Id, string Name, bool Created);
