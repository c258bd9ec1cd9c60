using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Kadoa;

public static class KadoaExtensions
{
    /// <summary>
    /// Registers <see cref="KadoaOptions"/> (section <c>Kadoa</c>, validated at start-up) and the Kadoa HTTP clients:
    /// tokens, acknowledgements and the record of changes. Transient failures (5xx, 408, 429, timeouts) are retried by
    /// the standard resilience handler, which waits what <c>Retry-After</c> says on 429; 401/403 are not retried.
    /// </summary>
    public static TBuilder AddKadoa<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
        => builder.AddModule(nameof(AddKadoa), services =>
        {
            services.AddValidatedOptions<KadoaOptions, KadoaOptionsValidator>(KadoaOptions.SectionName).ValidateDataAnnotations();
            // HttpClientFactory's default loggers put request header values (the API key) into trace-level structured
            // state unredacted: they are replaced by a logger that writes method, path, status and duration only.
            services.TryAddSingleton<KadoaCallLogger>();
            services.AddHttpClient<KadoaTokenClient>(KadoaHttp.Identify).RemoveAllLoggers().AddLogger<KadoaCallLogger>()
                .AddStandardResilienceHandler().Configure(ConfigureResilience);
            services.AddHttpClient<KadoaAckClient>(KadoaHttp.Identify).RemoveAllLoggers().AddLogger<KadoaCallLogger>()
                .AddStandardResilienceHandler().Configure(ConfigureResilience);
            services.AddHttpClient<KadoaChangesClient>(KadoaHttp.Identify).RemoveAllLoggers().AddLogger<KadoaCallLogger>()
                .AddStandardResilienceHandler().Configure(ConfigureResilience);
        });

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
