using System.Collections.Frozen;

namespace KadoaBridge.Core.Contract;

/// <summary>
/// The one table from Kadoa event types to CloudEvent <c>type</c> names. Names are stable: subscribers
/// filter on them. A type Kadoa adds later passes through as <c>Kadoa.Event.{kadoa type}</c>.
/// </summary>
public static class KadoaEventTypes
{
    public const string DataChange = "workflow_data_change";

    /// <summary>Prefix of the CloudEvent type of Kadoa types this table does not know yet.</summary>
    public const string UnmappedPrefix = "Kadoa.Event.";

    /// <summary>Kadoa type → CloudEvent type.</summary>
    public static readonly FrozenDictionary<string, string> CloudEventTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [DataChange] = "Kadoa.Workflow.DataChanged",
        ["workflow_started"] = "Kadoa.Workflow.Started",
        ["workflow_finished"] = "Kadoa.Workflow.Finished",
        ["workflow_failed"] = "Kadoa.Workflow.Failed",
        ["workflow_sample_finished"] = "Kadoa.Workflow.SampleFinished",
        ["system_maintenance"] = "Kadoa.System.Maintenance",
        ["service_degradation"] = "Kadoa.System.ServiceDegraded",
        ["credits_low"] = "Kadoa.Account.CreditsLow",
        ["free_trial_ending"] = "Kadoa.Account.FreeTrialEnding",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The CloudEvent type for a Kadoa type; unknown types keep their name behind <see cref="UnmappedPrefix"/>.</summary>
    public static string ToCloudEventType(string kadoaType) =>
        CloudEventTypes.TryGetValue(kadoaType, out var mapped) ? mapped : UnmappedPrefix + kadoaType;
}
