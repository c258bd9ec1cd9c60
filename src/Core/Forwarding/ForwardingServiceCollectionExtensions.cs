using KadoaBridge.Core.Contract;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.EventGrid;
using KadoaBridge.Core.Kadoa;
using KadoaBridge.Core.Kadoa.Realtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Forwarding;

public static class ForwardingServiceCollectionExtensions
{
    /// <summary>
    /// The listener's pipeline: receive → decode → map → claim-check → publish → acknowledge/checkpoint, with the
    /// realtime receiver as a hosted service and the status reporter. Needs Kadoa clients, storage and the ingress topic.
    /// </summary>
    public static IServiceCollection AddRealtimeForwarding(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ForwardingOptions>().Bind(configuration.GetSection(ForwardingOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ForwardingOptions>, ForwardingOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<ListenerMetrics>();
        services.AddSingleton<ListenerState>();
        services.AddSingleton<ClaimCheckStore>();
        services.AddSingleton<QuarantineStore>();
        services.AddSingleton<CheckpointStore>();
        services.AddSingleton<ListenerStatusStore>();
        services.AddSingleton<IngressPublisher>();
        services.AddSingleton<ForwardingPipeline>();
        services.AddSingleton(provider => new CloudEventMapper(new CloudEventMapperSettings(
            provider.GetRequiredService<IOptions<ForwardingOptions>>().Value.IngressBudgetBytes,
            provider.GetRequiredService<ClaimCheckStore>().ContainerUrl,
            provider.GetRequiredService<IOptions<KadoaOptions>>().Value.ApiBaseUrl)));
        services.AddSingleton(provider => new RecentIds(provider.GetRequiredService<IOptions<ForwardingOptions>>().Value.RecentIdCapacity));
        services.AddSingleton<FrameIntake>();
        services.TryAddSingleton<IRealtimeTransportFactory, WebsocketTransportFactory>();
        services.AddHostedService<RealtimeReceiver>();
        services.AddHostedService<ListenerStatusReporter>();
        return services;
    }
}
