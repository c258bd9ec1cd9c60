using KadoaBridge.Core.Kadoa;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Reconcile;

public static class ReconcileServiceCollectionExtensions
{
    /// <summary>Reconciliation with Kadoa's REST record: the gap-fill, backfills, and their stores. Needs storage, the Kadoa clients and ingest's stores.</summary>
    public static IServiceCollection AddReconcile(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReconcileOptions>().Bind(configuration.GetSection(ReconcileOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReconcileOptions>, ReconcileOptionsValidator>();
        services.AddKadoaChangesClient();
        services.AddSingleton<ChangeReconciler>();
        services.AddSingleton<ReconcileStore>();
        services.AddSingleton<BackfillJobStore>();
        services.AddSingleton<ReconcileMetrics>();
        services.AddSingleton<GapFillService>();
        services.AddSingleton<BackfillService>();
        services.AddSingleton<DataPendingEnrichment>();
        return services;
    }
}
