using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Reconcile;
using KadoaBridge.Core.Routing.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace KadoaBridge.Core.ControlPlane;

public static class ControlPlaneExtensions
{
    /// <summary>
    /// The control plane's read, replay, status, recovery, retention and route dry-run services (<see cref="ReplayOptions"/>
    /// from section <c>Replay</c>, validated at start-up); with the modules whose stores it reads: ingest, the rule store,
    /// reconcile.
    /// </summary>
    public static TBuilder AddControlPlane<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
        => builder.AddModule(nameof(AddControlPlane), services =>
        {
            builder.AddIngest().AddRouteRules().AddReconcile();
            services.AddValidatedOptions<ReplayOptions, ReplayOptionsValidator>(ReplayOptions.SectionName);
            services.TryAddSingleton(TimeProvider.System);
            services.TryAddSingleton<ListenerStatusStore>();
            services.AddSingleton<ChangeHistory>();
            services.AddSingleton<ReplayJobStore>();
            services.AddSingleton<ReplayPublisher>();
            services.AddSingleton<ReplayService>();
            services.AddSingleton<StrandedItems>();
            services.AddSingleton<RecoveryService>();
            services.AddSingleton<StatusService>();
            services.AddSingleton<RetentionService>();
            services.AddSingleton<RouteDryRun>();
        });
}
