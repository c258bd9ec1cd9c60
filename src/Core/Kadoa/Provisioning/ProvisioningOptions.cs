namespace KadoaBridge.Core.Kadoa.Provisioning;

/// <summary>
/// How the provisioning endpoints talk to Kadoa's notification API. Bound from the <c>Provisioning</c> section
/// (<c>Provisioning__ChannelName</c>, …). The API key, base URL and per-call timeout come from <see cref="KadoaOptions"/>.
/// </summary>
public sealed class ProvisioningOptions
{
    public const string SectionName = "Provisioning";

    /// <summary>Longest accepted <see cref="ChannelName"/>. 100 characters.</summary>
    public const int MaxChannelNameLength = 100;

    /// <summary>Upper bound of <see cref="MaxRetryAttempts"/>. 10.</summary>
    public const int MaxRetryAttemptsLimit = 10;

    /// <summary>
    /// Name of the WebSocket channel when the bridge has to create it (<c>Provisioning__ChannelName</c>). Default
    /// <c>azure-event-grid-bridge</c>. Kadoa allows one WebSocket channel per workspace, so an existing one is reused
    /// whatever its name.
    /// </summary>
    public string ChannelName { get; set; } = "azure-event-grid-bridge";

    /// <summary>
    /// Retries of one Kadoa call that failed transiently: 5xx, 408, 429, timeout or no connection
    /// (<c>Provisioning__MaxRetryAttempts</c>). Default 3, at most 10. A refused key (401/403) is never retried.
    /// </summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>
    /// Delay before the first retry; it doubles per retry, with jitter, up to <see cref="MaxRetryDelay"/>
    /// (<c>Provisioning__RetryDelay</c>). Default 1 s.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest delay between two retries (<c>Provisioning__MaxRetryDelay</c>). Default 30 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
