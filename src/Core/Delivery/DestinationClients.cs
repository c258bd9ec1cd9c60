using Azure.Messaging.EventGrid;
using KadoaBridge.Core.Routing;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Delivery;

/// <summary>The destination topics' Event Grid clients, one named client per alias (registered by <see cref="DeliveryExtensions"/>).</summary>
/// <remarks>The factory is resolved lazily: with no destination configured, none is registered (and none is needed).</remarks>
public sealed class DestinationClients(IServiceProvider services, IOptions<RoutingOptions> options)
{
    /// <summary>The configured aliases.</summary>
    public IReadOnlyCollection<string> Aliases => options.Value.Destinations.Keys;

    public EventGridPublisherClient Get(string alias) => options.Value.Destinations.ContainsKey(alias)
        ? services.GetRequiredService<IAzureClientFactory<EventGridPublisherClient>>().CreateClient(alias)
        : throw new KeyNotFoundException($"No destination '{alias}' is configured (Routing__Destinations__{alias}__Endpoint).");
}
