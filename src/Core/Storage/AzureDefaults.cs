using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;

namespace KadoaBridge.Core.Storage;

/// <summary>What every Azure client shares: one credential (managed identity in Azure) and the SDK's retry policy.</summary>
public static class AzureDefaults
{
    /// <summary>Retries of one Azure call: exponential from 200 ms to 5 s, 4 attempts in all (the SDK does them).</summary>
    public static IServiceCollection AddBridgeAzureDefaults(this IServiceCollection services)
    {
        services.AddAzureClients(clients =>
        {
            // DefaultAzureCredential honours AZURE_CLIENT_ID, so a user-assigned identity needs no code.
            clients.UseCredential(_ => new DefaultAzureCredential());
            clients.ConfigureDefaults(options =>
            {
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
