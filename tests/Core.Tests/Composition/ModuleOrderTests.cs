using KadoaBridge.Core.ControlPlane;
using KadoaBridge.Core.Delivery;
using KadoaBridge.Core.EventGrid;
using KadoaBridge.Core.Forwarding;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Kadoa;
using KadoaBridge.Core.Kadoa.Provisioning;
using KadoaBridge.Core.Reconcile;
using KadoaBridge.Core.Routing;
using KadoaBridge.Core.Routing.Store;
using KadoaBridge.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Tests.Composition;

/// <summary>
/// Core's modules compose in any order: each binds its own options and adds the modules it needs once, so the same
/// services resolve whichever order a host (or a test) adds them in, and however often.
/// </summary>
public class ModuleOrderTests
{
    private static readonly Action<HostApplicationBuilder>[] Modules =
    [
        b => b.AddKadoa(),
        b => b.AddBridgeStorage(),
        b => b.AddIngressTopic(),
        b => b.AddForwarding(),
        b => b.AddKadoaProvisioning(),
        b => b.AddRouting(),
        b => b.AddRouteRules(),
        b => b.AddDelivery(),
        b => b.AddIngest(),
        b => b.AddReconcile(),
        b => b.AddControlPlane(),
    ];

    [Fact]
    public void Compose_ModulesInTwoOrders_ResolveTheSameServices()
    {
        using var forward = Compose(Modules);
        using var reversed = Compose(Modules.Reverse());

        var services = Resolve(forward);
        Assert.Contains(typeof(IngestService).FullName!, services.Keys);
        Assert.Contains(typeof(IHostedService).FullName!, services.Keys);
        Assert.Equal(services, Resolve(reversed));
    }

    [Fact]
    public void Compose_TopModulesOnly_AddWhatTheyNeed()
    {
        using var all = Compose(Modules);
        using var top = Compose([b => b.AddControlPlane(), b => b.AddForwarding()]);

        Assert.Equal(Resolve(all), Resolve(top));
    }

    [Fact]
    public void Compose_RuleStoreBeforeOrAfterRouting_RoutesWithTheStoredRules()
    {
        using var storeFirst = Compose([b => b.AddRouteRules(), b => b.AddIngest()]);
        using var storeLast = Compose([b => b.AddIngest(), b => b.AddRouteRules()]);

        Assert.IsType<RouteStore>(Assert.Single(storeFirst.GetServices<IRouteRuleSource>()));
        Assert.IsType<RouteStore>(Assert.Single(storeLast.GetServices<IRouteRuleSource>()));
    }

    [Fact]
    public void Compose_WithoutRuleStore_RoutesWithNoRules()
    {
        using var ingestOnly = Compose([b => b.AddIngest()]);

        Assert.IsType<NoRouteRules>(Assert.Single(ingestOnly.GetServices<IRouteRuleSource>()));
    }

    /// <summary>The modules in the given order, twice over (a module added again changes nothing), options validated as at start-up.</summary>
    private static Composition Compose(IEnumerable<Action<HostApplicationBuilder>> modules)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kadoa:ApiKey"] = "test-key",
            ["EventGrid:TopicEndpoint"] = "https://ingress.test/api/events",
            ["EventGrid:TopicKey"] = "test-key",
            ["Routing:Destinations:changes:Endpoint"] = "https://changes.test/api/events",
            ["Routing:Destinations:changes:Key"] = "test-key",
            ["Routing:DefaultDestination"] = "changes",
        });
        var list = modules.ToList();
        foreach (var add in list.Concat(list))
        {
            add(builder);
        }

        var provider = builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        provider.GetRequiredService<IStartupValidator>().Validate();
        return new Composition(builder.Services, provider);
    }

    /// <summary>
    /// Every service of Core's, every hosted service, and every options setup and validator of Core's types, resolved: the
    /// service type's name and the sorted type names of all its instances (a registration added twice shows twice).
    /// </summary>
    private static SortedDictionary<string, string> Resolve(Composition composition)
    {
        var core = typeof(StorageExtensions).Assembly;
        var types = composition.Services
            .Select(d => d.ServiceType)
            .Where(t => !t.ContainsGenericParameters)
            .Where(t => t.Assembly == core || t == typeof(IHostedService) || (t.IsConstructedGenericType && t.GenericTypeArguments.Any(a => a.Assembly == core)))
            .Distinct();
        return new SortedDictionary<string, string>(
            types.ToDictionary(t => t.FullName!, t => string.Join(", ", composition.Provider.GetServices(t).Select(s => s!.GetType().FullName).Order(StringComparer.Ordinal))),
            StringComparer.Ordinal);
    }

    private sealed record Composition(IServiceCollection Services, ServiceProvider Provider) : IDisposable
    {
        public IEnumerable<T> GetServices<T>() => Provider.GetServices<T>();

        public void Dispose() => Provider.Dispose();
    }
}
