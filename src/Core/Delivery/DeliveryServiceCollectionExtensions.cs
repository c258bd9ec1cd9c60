using Azure;
using Azure.Messaging.EventGrid;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.Routing;
using KadoaBridge.Core.Storage;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="RoutingOptions"/> and one named <see cref="EventGridPublisherClient"/> per configured
    /// destination (key when configured, else the shared credential), plus the delivery state and the deliverer.
    /// </summary>
    public static IServiceCollection AddDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(RoutingOptions.SectionName);
        services.AddOptions<RoutingOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RoutingOptions>, RoutingOptionsValidator>();
        services.AddBridgeAzureDefaults();
        services.AddAzureClients(clients =>
        {
            foreach (var destination in section.GetSection("Destinations").GetChildren())
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
        services.TryAddSingleton<TableBatcher>();
        services.AddSingleton<DeliveryStore>();
        services.AddSingleton<Deliverer>();
        return services;
    }
}
