using Azure;
using Azure.Messaging.EventGrid;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.Routing;
using KadoaBridge.Core.Storage;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Delivery;

public static class DeliveryExtensions
{
    /// <summary>
    /// Delivery: one named <see cref="EventGridPublisherClient"/> per destination configured under
    /// <c>Routing:Destinations</c> when this is called (key when configured, else the shared credential), the delivery
    /// state, the deliverer and the <see cref="DeliveryService"/>; with the routing and storage modules it needs.
    /// </summary>
    public static TBuilder AddDelivery<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
        => builder.AddModule(nameof(AddDelivery), services =>
        {
            builder.AddRouting().AddBridgeStorage();
            var destinations = builder.Configuration.GetSection(RoutingOptions.SectionName).GetSection("Destinations").GetChildren();
            services.AddAzureClients(clients =>
            {
                foreach (var destination in destinations)
                {
                    var alias = destination.Key;
                    clients.AddClient<EventGridPublisherClient, EventGridPublisherClientOptions>((options, credential, provider) =>
                    {
                        var settings = provider.GetRequiredService<IOptions<RoutingOptions>>().Value.Destinations[alias];
                        return string.IsNullOrEmpty(settings.Key)
                            ? new EventGridPublisherClient(settings.Endpoint, credential, options)
                            : new EventGridPublisherClient(settings.Endpoint, new AzureKeyCredential(settings.Key), options);
                    }).WithName(alias);
                }
            });
            services.AddMetrics();
            services.TryAddSingleton<IngestMetrics>();
            services.AddSingleton<DestinationClients>();
            services.AddSingleton<DeliveryBatcher>();
            services.AddSingleton<DeliveryStore>();
            services.AddSingleton<Deliverer>();
            services.AddSingleton<DeliveryService>();
        });
}
