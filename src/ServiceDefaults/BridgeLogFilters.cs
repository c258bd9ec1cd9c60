using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Hosting;

namespace KadoaBridge.ServiceDefaults;

/// <summary>
/// Default log levels that keep outcomes the bridge expects and settles out of the console and Application Insights;
/// each is counted in a metric instead, and every real failure still reaches the bridge's own log line (with its
/// exception when unexpected). They are the lowest-priority configuration, so <c>Logging__LogLevel__…</c> overrides them.
/// </summary>
public static class BridgeLogFilters
{
    internal static readonly IReadOnlyDictionary<string, string?> Defaults = new Dictionary<string, string?>
    {
        // The Azure SDK logs every 4xx/5xx answer as a multi-line warning, including the checkpoint's ETag conflicts
        // (412) between replicas and "already exists" (409) at start-up: about ten a second with two listeners, all
        // settled by our code. Failures that matter surface as exceptions our code logs in one line; conflicts are
        // counted (kadoa.listener.checkpoint.conflicts).
        ["Logging:LogLevel:Azure.Core"] = "Error",

        // The HTTP resilience handler logs each retry of a Kadoa call as a warning with a whole stack trace; the
        // receiver already says "Could not connect to Kadoa (…); retrying in …". Polly's meter counts the retries.
        ["Logging:LogLevel:Polly"] = "Error",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
    };

    public static IHostApplicationBuilder AddBridgeLogDefaults(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Defaults });
        return builder;
    }
}
