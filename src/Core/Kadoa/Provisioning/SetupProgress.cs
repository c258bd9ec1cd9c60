namespace KadoaBridge.Core.Kadoa.Provisioning;

/// <summary>What a setup has done so far; turned into a <see cref="SetupResult"/> whether it finished or stopped.</summary>
internal sealed class SetupProgress
{
    public ProvisionedChannel? Channel { get; set; }

    public List<ProvisionedSetting> Created { get; } = [];

    public List<ProvisionedSetting> Updated { get; } = [];

    public List<ProvisionedSetting> Unchanged { get; } = [];

    public ProvisioningFailure? Failure { get; set; }

    /// <summary>The step in progress, for <see cref="ProvisioningFailure.Step"/>.</summary>
    public string Step { get; set; } = "channel";

    public string? WorkflowId { get; set; }

    public string? EventType { get; set; }

    public SetupResult ToResult() => new(Channel, [.. Created], [.. Updated], [.. Unchanged], Failure);
}
