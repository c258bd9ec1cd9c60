using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace KadoaBridge.Core.Routing;

public static class RoutingExtensions
{
    /// <summary>
    /// Routing: <see cref="RoutingOptions"/> (section <c>Routing</c>, validated at start-up) and the compiled
    /// <see cref="RouteTableSource"/>. Its rules come from the registered <see cref="IRouteRuleSource"/>: none
    /// (<see cref="NoRouteRules"/>) unless the rule store is added (<c>AddRouteRules</c>), in whichever order.
    /// </summary>
    public static TBuilder AddRouting<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
        => builder.AddModule(nameof(AddRouting), services =>
        {
            services.AddValidatedOptions<RoutingOptions, RoutingOptionsValidator>(RoutingOptions.SectionName);
            services.TryAddSingleton(TimeProvider.System);
            services.TryAddSingleton<IRouteRuleSource, NoRouteRules>();
            services.AddSingleton<RouteTableSource>();
        });
}
