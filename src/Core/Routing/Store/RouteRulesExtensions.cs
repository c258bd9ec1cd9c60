using KadoaBridge.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace KadoaBridge.Core.Routing.Store;

public static class RouteRulesExtensions
{
    /// <summary>
    /// Routing rules in Table Storage: the <see cref="RouteStore"/>, which becomes the one <see cref="IRouteRuleSource"/>
    /// routing uses (whether routing was added before or after), and the body reader; with the routing and storage
    /// modules it needs.
    /// </summary>
    public static TBuilder AddRouteRules<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
        => builder.AddModule(nameof(AddRouteRules), services =>
        {
            builder.AddRouting().AddBridgeStorage();
            services.AddSingleton<RouteStore>();
            services.RemoveAll<IRouteRuleSource>();
            services.AddSingleton<IRouteRuleSource>(provider => provider.GetRequiredService<RouteStore>());
            services.AddSingleton<RouteRuleReader>();
        });
}
