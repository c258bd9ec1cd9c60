using KadoaBridge.Core.Contract;

namespace KadoaBridge.Core.Kadoa.Provisioning;

/// <summary>The event types a notification setting can route, as Kadoa documents them, and the request keyword for all of them.</summary>
public static class ProvisioningEventTypes
{
    /// <summary>The keyword that stands for every documented event type: <c>all</c>.</summary>
    public const string AllKeyword = "all";

    /// <summary>What a setup subscribes when the request names no event type: <c>workflow_data_change</c>.</summary>
    public const string Default = KadoaEventTypes.DataChange;

    /// <summary>Kadoa's documented event types, in the order of its API description.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        "workflow_started",
        "workflow_finished",
        "workflow_failed",
        "workflow_sample_finished",
        KadoaEventTypes.DataChange,
        "system_maintenance",
        "service_degradation",
        "credits_low",
        "free_trial_ending",
    ];

    /// <summary>True for a documented event type (ordinal: Kadoa's names are lower case).</summary>
    public static bool IsDocumented(string? eventType) => eventType is not null && All.Contains(eventType, StringComparer.Ordinal);
}
