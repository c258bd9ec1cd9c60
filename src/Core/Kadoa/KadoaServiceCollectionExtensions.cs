using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Kadoa;

public static class KadoaServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="KadoaOptions"/> (validated at start-up) and the Kadoa HTTP clients. Transient failures
    /// (5xx, 408, 429, timeouts) are retried by the standard resilience handler; 401/403 are not.
    /// </summary>
    public static IServiceCollection AddKadoaClients(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KadoaOptions>().Bind(configuration.GetSection(KadoaOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<KadoaOptions>, KadoaOptionsValidator>();
        // HttpClientFactory's default loggers put request header values (the API key) into trace-level structured
        // state unredacted: they are replaced by a logger that writes method, path, status and duration only.
        services.TryAddSingleton<KadoaCallLogger>();
        services.AddHttpClient<KadoaTokenClient>(KadoaHttp.Identify).RemoveAllLoggers().AddLogger<KadoaCallLogger>()
            .AddStandardResilienceHandler().Configure(ConfigureResilience);
        services.AddHttpClient<KadoaAckClient>(KadoaHttp.Identify).RemoveAllLoggers().AddLogger<KadoaCallLogger>()
            .AddStandardResilienceHandler().Configure(ConfigureResilience);
        return services;
    }

    /// <summary>
    /// The client of Kadoa's record of changes. Its standard resilience handler retries 429 waiting what
    /// <c>Retry-After</c> says (the handler's default), as well as 5xx and timeouts.
    /// </summary>
    public static IServiceCollection AddKadoaChangesClient(this IServiceCollection services)
    {
        services.TryAddSingleton<KadoaCallLogger>();
        services.AddHttpClient<KadoaChangesClient>(KadoaHttp.Identify).RemoveAllLoggers().AddLogger<KadoaCallLogger>()
            .AddStandardResilienceHandler().Configure(ConfigureResilience);
        return services;
    }

    private static void ConfigureResilience(HttpStandardResilienceOptions resilience, IServiceProvider provider)
    {
        var timeout = provider.GetRequiredService<IOptions<KadoaOptions>>().Value.RequestTimeout;
        resilience.AttemptTimeout.Timeout = timeout;
        resilience.TotalRequestTimeout.Timeout = timeout * 4;
        resilience.CircuitBreaker.SamplingDuration = timeout * 2;
        resilience.Retry.MaxRetryAttempts = 3;
        resilience.Retry.Delay = TimeSpan.FromMilliseconds(200);
    }
}
