using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KadoaBridge.Core.Storage;

/// <summary>
/// What every Azure client shares: one credential (managed identity in Azure), the SDK's retry policy, and its request
/// logging only when the <c>Azure.Core</c> log category would show it.
/// </summary>
public static class AzureDefaults
{
    /// <summary>Retries of one Azure call: exponential from 200 ms to 5 s, 4 attempts in all (the SDK does them).</summary>
    public static IServiceCollection AddBridgeAzureDefaults(this IServiceCollection services)
    {
        services.AddAzureClients(clients =>
        {
            // DefaultAzureCredential honours AZURE_CLIENT_ID, so a user-assigned identity needs no code.
            clients.UseCredential(_ => new DefaultAzureCredential());
            clients.ConfigureDefaults((options, provider) =>
            {
                // AddAzureClients forwards the SDK's event sources to ILogger at Verbose, so every call formats its
                // request and response headers even though Azure.Core logs only errors by default (BridgeLogFilters):
                // measured at 500 events/s, about a tenth of the listener's allocations. The SDK's logging policy stays in
                // when Logging__LogLevel__Azure.Core is Warning or lower, for debugging a storage or Event Grid call.
                options.Diagnostics.IsLoggingEnabled = provider.GetService<ILoggerFactory>()?.CreateLogger("Azure.Core").IsEnabled(LogLevel.Warning) ?? true;
                options.Retry.Mode = RetryMode.Exponential;
                options.Retry.MaxRetries = 3;
                options.Retry.Delay = TimeSpan.FromMilliseconds(200);
                options.Retry.MaxDelay = TimeSpan.FromSeconds(5);
                options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
            });
        });
        return services;
    }
}
