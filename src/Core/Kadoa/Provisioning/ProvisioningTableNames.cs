namespace KadoaBridge.Core.Kadoa.Provisioning;

/// <summary>The provisioning module's table. infra/ creates the same name (with the others in <c>TableNames</c>).</summary>
public static class ProvisioningTableNames
{
    /// <summary>What the provisioning endpoints did: the WebSocket channel, the settings linked to it, the last setup.</summary>
    public const string Provisioning = "Provisioning";
}
