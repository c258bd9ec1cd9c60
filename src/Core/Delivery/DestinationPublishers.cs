using Azure.Messaging.EventGrid;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Delivery;

/// <summary>The destination topics' publisher clients, one named client per alias (registered by <see cref="DeliveryServiceCollectionExtensions"/>).</summary>
public sealed class DestinationPublishers(IAzureClientFactory<EventGridPublisherClient> factory, IOptions<RoutingOptions> options)
{
    /// <summary>The configured aliases.</summary>
    public IReadOnlyCollection<string> Aliases => options.Value.Destinations.Keys;

    public EventGridPublisherClient Get(string alias) => options.Value.Destinations.ContainsKey(alias)
        ? factory.CreateClient(alias)
        : throw new KeyNotFoundException($"No destination '{alias}' is configured (Routing__Destinations__{alias}__Endpoint).");
}
