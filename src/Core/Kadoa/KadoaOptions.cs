using System.ComponentModel.DataAnnotations;

namespace KadoaBridge.Core.Kadoa;

/// <summary>How the bridge reaches Kadoa. Bound from the <c>Kadoa</c> section (<c>Kadoa__ApiKey</c>, …).</summary>
public sealed class KadoaOptions
{
    public const string SectionName = "Kadoa";

    /// <summary>The Kadoa team API key (<c>Kadoa__ApiKey</c>). Required. A secret: never logged.</summary>
    [Required(ErrorMessage = "Kadoa__ApiKey is required: set it to your Kadoa team API key.")]
    public string ApiKey { get; set; } = "";

    /// <summary>REST base (<c>Kadoa__ApiBaseUrl</c>). Default <c>https://api.kadoa.com</c>.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://api.kadoa.com");

    /// <summary>Realtime WebSocket URL (<c>Kadoa__RealtimeUrl</c>). Default <c>wss://realtime.kadoa.com</c>.</summary>
    public Uri RealtimeUrl { get; set; } = new("wss://realtime.kadoa.com");

    /// <summary>Realtime HTTP base used for acknowledgements (<c>Kadoa__RealtimeHttpUrl</c>). Default <c>https://realtime.kadoa.com</c>.</summary>
    public Uri RealtimeHttpUrl { get; set; } = new("https://realtime.kadoa.com");

    /// <summary>No heartbeat for this long means the socket is dead (<c>Kadoa__HeartbeatTimeout</c>). Default 30 s; Kadoa sends one every 15 s.</summary>
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First reconnect delay; doubles per failed attempt, with jitter (<c>Kadoa__ReconnectMinDelay</c>). Default 1 s.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of the reconnect delay (<c>Kadoa__ReconnectMaxDelay</c>). Default 60 s, as Kadoa's SDKs.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A connection that stayed up this long resets the backoff (<c>Kadoa__HealthyConnectionReset</c>). Default 60 s.</summary>
    public TimeSpan HealthyConnectionReset { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Wait after Kadoa refused the key (401/403) before asking again (<c>Kadoa__RejectedKeyRetryDelay</c>). Default 5 min.</summary>
    public TimeSpan RejectedKeyRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Liveness: <c>/healthz</c> fails when the receiver showed no progress (a heartbeat, a connection attempt ending, the
    /// end of a planned wait) for this long past when it was due (<c>Kadoa__LivenessTimeout</c>). Default 5 min: longer
    /// than a token request with its retries and a checkpoint read with the SDK's, so only a stuck receiver trips it.
    /// </summary>
    public TimeSpan LivenessTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Timeout of one REST or acknowledgement call (<c>Kadoa__RequestTimeout</c>). Default 10 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
