using KadoaBridge.Core.ControlPlane;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Kadoa;
using KadoaBridge.Core.Kadoa.Provisioning;
using KadoaBridge.Core.Reconcile;
using KadoaBridge.Core.Routing.Store;
using KadoaBridge.Core.Storage;
using KadoaBridge.Functions.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KadoaBridge.Functions;

/// <summary>Composes the Functions app from Core modules; tests compose the same way with their own configuration.</summary>
public static class FunctionsServices
{
    /// <summary>The default OpenTelemetry <c>service.name</c> (<c>OTEL_SERVICE_NAME</c> overrides it).</summary>
    public const string ServiceName = "kadoa-bridge-functions";

    /// <summary>Core's modules (any order: each adds what it needs once) and the app's own hosted services.</summary>
    public static TBuilder AddBridgeFunctions<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.AddKadoa();
        builder.AddBridgeStorage();
        builder.AddKadoaProvisioning();
        builder.AddRouteRules();
        builder.AddIngest();
        builder.AddControlPlane();
        builder.AddReconcile();
        builder.Services.AddControlPlaneProblems();
        builder.Services.AddHostedService<StorageBootstrapService>();
        builder.Services.AddHostedService<BacklogSampler>();
        return builder;
    }
}
