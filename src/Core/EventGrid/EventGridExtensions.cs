using Azure;
using Azure.Messaging.EventGrid;
using KadoaBridge.Core.Storage;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.EventGrid;

public static class EventGridExtensions
{
    /// <summary>
    /// Registers the ingress topic's <see cref="EventGridPublisherClient"/> (section <c>EventGrid</c>, validated at
    /// start-up: key when configured, else the shared credential) and the <see cref="IngressPublisher"/>.
    /// </summary>
    public static TBuilder AddIngressTopic<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
        => builder.AddModule(nameof(AddIngressTopic), services =>
        {
            services.AddValidatedOptions<EventGridOptions, EventGridOptionsValidator>(EventGridOptions.SectionName).ValidateDataAnnotations();
            services.AddBridgeAzureDefaults();
            services.AddAzureClients(clients => clients.AddClient<EventGridPublisherClient, EventGridPublisherClientOptions>((options, credential, provider) =>
            {
                var topic = provider.GetRequiredService<IOptions<EventGridOptions>>().Value;
                return string.IsNullOrEmpty(topic.TopicKey)
                    ? new EventGridPublisherClient(topic.TopicEndpoint, credential, options)
                    : new EventGridPublisherClient(topic.TopicEndpoint, new AzureKeyCredential(topic.TopicKey), options);
            }));
            services.TryAddSingleton<IngressPublisher>();
        });
}
