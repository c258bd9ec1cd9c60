using KadoaBridge.Core.Delivery;
using KadoaBridge.Core.Routing;
using KadoaBridge.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Ingest;

public static class IngestServiceCollectionExtensions
{
    /// <summary>
    /// Ingest: deduplicate → route → deliver → store (history last: a stored change marks the event done), redrive, and the
    /// stores behind them (<see cref="RetentionOptions"/> from <c>Retention</c>: how long their rows are kept). Needs storage.
    /// </summary>
    public static IServiceCollection AddIngest(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddDelivery(configuration);
        services.TryAddSingleton<IRouteRuleSource, NoRouteRules>();
        services.AddSingleton<RouteTableSource>();
        services.AddSingleton<DeliveryService>();
        services.AddSingleton<Redrive>();
        services.TryAddSingleton<ClaimCheckStore>();
        services.TryAddSingleton<QuarantineStore>();
        services.AddSingleton<DedupeStore>();
        services.AddSingleton<ChangeStore>();
        services.AddSingleton<SnapshotOffload>();
        services.AddSingleton<IngestFailureStore>();
        services.AddSingleton<PoisonStore>();
        services.AddSingleton<PoisonKeeper>();
        // Its own memory of finished ids: a RecentIds registered for everyone would be shared with any other user of the type.
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<IngestService>(provider, new RecentIds(IngestService.RecentlyDoneCapacity)));
        services.AddSingleton<IngressRequeue>();
        services.TryAddSingleton<StorageBootstrap>();
        services.TryAddSingleton<TableBatcher>();
        return services;
    }
}
