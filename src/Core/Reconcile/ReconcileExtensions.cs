using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Kadoa;
using KadoaBridge.Core.Kadoa.Provisioning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace KadoaBridge.Core.Reconcile;

public static class ReconcileExtensions
{
    /// <summary>
    /// Reconciliation with Kadoa's REST record: the gap-fill, backfills, enrichment and their stores
    /// (<see cref="ReconcileOptions"/> from section <c>Reconcile</c>, validated at start-up); with the modules it needs:
    /// Kadoa, provisioning (the workflows set up), ingest (history and the ingress queue).
    /// </summary>
    public static TBuilder AddReconcile<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
        => builder.AddModule(nameof(AddReconcile), services =>
        {
            builder.AddKadoa().AddKadoaProvisioning().AddIngest();
            services.AddValidatedOptions<ReconcileOptions, ReconcileOptionsValidator>(ReconcileOptions.SectionName);
            services.TryAddSingleton(TimeProvider.System);
            services.AddMetrics();
            services.AddSingleton<ChangeReconciler>();
            services.AddSingleton<ReconcileStore>();
            services.AddSingleton<BackfillJobStore>();
            services.AddSingleton<ReconcileMetrics>();
            services.AddSingleton<GapFillService>();
            services.AddSingleton<BackfillService>();
            services.AddSingleton<DataPendingEnrichment>();
        });
}
