using KadoaBridge.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace KadoaBridge.Core.Kadoa.Provisioning;

public static class ProvisioningExtensions
{
    /// <summary>
    /// Registers <see cref="ProvisioningService"/>, its Kadoa client and record store, and <see cref="ProvisioningOptions"/>
    /// (section <c>Provisioning</c>, validated at start-up), with the Kadoa and storage modules it needs.
    /// Kadoa calls failing with 5xx, 408, 429, a timeout or no connection are retried with exponential backoff and
    /// jitter; 401/403 and other 4xx are not. HttpClientFactory's default request loggers are replaced by one that logs
    /// method, path, status and duration only: their structured state would carry the <c>x-api-key</c> value.
    /// </summary>
    public static TBuilder AddKadoaProvisioning<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
        => builder.AddModule(nameof(AddKadoaProvisioning), services =>
        {
            builder.AddKadoa().AddBridgeStorage();
            services.AddValidatedOptions<ProvisioningOptions, ProvisioningOptionsValidator>(ProvisioningOptions.SectionName);
            services.TryAddSingleton(TimeProvider.System);
            services.TryAddSingleton<KadoaCallLogger>();
            services.AddHttpClient<KadoaProvisioningClient>(KadoaHttp.Identify)
                .RemoveAllLoggers()
                .AddLogger<KadoaCallLogger>()
                .AddStandardResilienceHandler()
                .Configure(ConfigureResilience);
            services.TryAddSingleton<ProvisioningRecordStore>();
            services.TryAddTransient<ProvisioningService>();
        });

    private static void ConfigureResilience(HttpStandardResilienceOptions resilience, IServiceProvider provider)
    {
        var attempt = provider.GetRequiredService<IOptions<KadoaOptions>>().Value.RequestTimeout;
        var retry = provider.GetRequiredService<IOptions<ProvisioningOptions>>().Value;
        resilience.AttemptTimeout.Timeout = attempt;
        resilience.Retry.MaxRetryAttempts = retry.MaxRetryAttempts;
        resilience.Retry.Delay = retry.RetryDelay;
        resilience.Retry.MaxDelay = retry.MaxRetryDelay;
        resilience.Retry.BackoffType = DelayBackoffType.Exponential;
        resilience.Retry.UseJitter = true;

        // Every attempt may time out and every pause may be the longest: the total must outlast them all.
        var total = (attempt * (retry.MaxRetryAttempts + 1)) + (retry.MaxRetryDelay * retry.MaxRetryAttempts);
        resilience.TotalRequestTimeout.Timeout = total < TimeSpan.FromHours(24) ? total : TimeSpan.FromHours(24);
        resilience.CircuitBreaker.SamplingDuration = attempt * 2;
    }
}
