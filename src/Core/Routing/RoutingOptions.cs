namespace KadoaBridge.Core.Routing;

/// <summary>The topics the bridge delivers to. Bound from <c>Routing</c>.</summary>
public sealed class RoutingOptions
{
    public const string SectionName = "Routing";

    /// <summary>Destination topics by alias (<c>Routing__Destinations__{alias}__Endpoint</c>). Aliases are what rules name.</summary>
    public Dictionary<string, DestinationOptions> Destinations { get; } = new(StringComparer.Ordinal);

    /// <summary>Where events matching no rule go (<c>Routing__DefaultDestination</c>); unset: such events are dropped.</summary>
    public string? DefaultDestination { get; set; }

    /// <summary>How often ingest reloads the routing rules (<c>Routing__RulesRefreshInterval</c>). Default 5 s: an edit applies within 10 s.</summary>
    public TimeSpan RulesRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Delivery attempts before a failed delivery is dead-lettered (<c>Routing__MaxDeliveryAttempts</c>). Default 8.</summary>
    public int MaxDeliveryAttempts { get; set; } = 8;

    /// <summary>First redrive delay after a failure, doubling per attempt (<c>Routing__RedriveBaseDelay</c>). Default 30 s.</summary>
    public TimeSpan RedriveBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest redrive delay (<c>Routing__RedriveMaxDelay</c>). Default 1 h.</summary>
    public TimeSpan RedriveMaxDelay { get; set; } = TimeSpan.FromHours(1);
}
