using KadoaBridge.Core.Contract;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.EventGrid;
using KadoaBridge.Core.Kadoa;
using KadoaBridge.Core.Kadoa.Realtime;
using KadoaBridge.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Forwarding;

public static class ForwardingExtensions
{
    /// <summary>
    /// The listener's pipeline: receive → decode → map → claim-check → publish → acknowledge/checkpoint, with the
    /// realtime receiver as a hosted service and the status reporter (<see cref="ForwardingOptions"/> from section
    /// <c>Forwarding</c>, validated at start-up), and the modules it needs: Kadoa, storage, the ingress topic.
    /// </summary>
    public static TBuilder AddForwarding<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
        => builder.AddModule(nameof(AddForwarding), services =>
        {
            builder.AddKadoa().AddBridgeStorage().AddIngressTopic();
            services.AddValidatedOptions<ForwardingOptions, ForwardingOptionsValidator>(ForwardingOptions.SectionName);
            services.TryAddSingleton(TimeProvider.System);
            services.AddMetrics();
            services.TryAddSingleton<ListenerMetrics>();
            services.TryAddSingleton<ListenerState>();
            services.TryAddSingleton<ListenerStatusStore>();
            services.AddSingleton<CheckpointStore>();
            services.AddSingleton<ForwardingPipeline>();
            services.AddSingleton(provider => new CloudEventMapper(new CloudEventMapperSettings(
                provider.GetRequiredService<IOptions<ForwardingOptions>>().Value.IngressBudgetBytes,
                provider.GetRequiredService<ClaimCheckStore>().ContainerUrl,
                provider.GetRequiredService<IOptions<KadoaOptions>>().Value.ApiBaseUrl)));
            // Its own memory of forwarded ids: a RecentIds registered for everyone would be shared with any other user of the type.
            services.AddSingleton(provider => ActivatorUtilities.CreateInstance<FrameIntake>(
                provider, new RecentIds(provider.GetRequiredService<IOptions<ForwardingOptions>>().Value.RecentIdCapacity)));
            services.AddSingleton<IFrameSink, ForwardingSink>();
            services.TryAddSingleton<IRealtimeTransportFactory, SocketTransportFactory>();
            services.AddHostedService<RealtimeReceiver>();
            services.AddHostedService<ListenerStatusReporter>();
        });
}
