using KadoaBridge.Core.ControlPlane;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Kadoa;
using KadoaBridge.Core.Kadoa.Provisioning;
using KadoaBridge.Core.Reconcile;
using KadoaBridge.Core.Routing.Store;
using KadoaBridge.Core.Storage;
using KadoaBridge.Functions.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KadoaBridge.Functions;

/// <summary>Composes the Functions app from Core modules; tests compose the same way with their own configuration.</summary>
public static class FunctionsServices
{
    /// <summary>The default OpenTelemetry <c>service.name</c> (<c>OTEL_SERVICE_NAME</c> overrides it).</summary>
    public const string ServiceName = "kadoa-bridge-functions";

    public static IServiceCollection AddBridgeFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddKadoaClients(configuration);
        services.AddBridgeStorage(configuration);
        services.AddKadoaProvisioning(configuration);
        services.AddRouteRules(configuration);
        services.AddIngest(configuration);
        services.AddControlPlane(configuration);
        services.AddReconcile(configuration);
        services.AddControlPlaneProblems();
        services.AddHostedService<StorageBootstrapService>();
        services.AddHostedService<BacklogSampler>();
        return services;
    }
}
