using Azure;
using Azure.Messaging.EventGrid;
using KadoaBridge.Core.Storage;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.EventGrid;

public static class EventGridServiceCollectionExtensions
{
    /// <summary>Registers the ingress topic's <see cref="EventGridPublisherClient"/>: key when configured, else the shared credential.</summary>
    public static IServiceCollection AddIngressTopic(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EventGridOptions>().Bind(configuration.GetSection(EventGridOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<EventGridOptions>, EventGridOptionsValidator>();
        services.AddBridgeAzureDefaults();
        services.AddAzureClients(clients => clients.AddClient<EventGridPublisherClient, EventGridPublisherClientOptions>((options, credential, provider) =>
        {
            var topic = provider.GetRequiredService<IOptions<EventGridOptions>>().Value;
            return string.IsNullOrEmpty(topic.TopicKey)
                ? new EventGridPublisherClient(topic.TopicEndpoint, credential, options)
                : new EventGridPublisherClient(topic.TopicEndpoint, new AzureKeyCredential(topic.TopicKey), options);
        }));
        return services;
    }
}
