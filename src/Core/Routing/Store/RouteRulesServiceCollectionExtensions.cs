using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KadoaBridge.Core.Routing.Store;

public static class RouteRulesServiceCollectionExtensions
{
    /// <summary>
    /// Routing rules in Table Storage: the <see cref="RouteStore"/> (also the <see cref="IRouteRuleSource"/> ingest
    /// routes with) and the body reader. Call before <c>AddIngest</c>, whose default source (no rules) is only added when
    /// none is registered. Needs storage (<c>AddBridgeStorage</c>).
    /// </summary>
    public static IServiceCollection AddRouteRules(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration); // routing options are bound by AddIngest (AddDelivery)
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RouteStore>();
        services.AddSingleton<IRouteRuleSource>(provider => provider.GetRequiredService<RouteStore>());
        services.AddSingleton<RouteRuleReader>();
        return services;
    }
}
