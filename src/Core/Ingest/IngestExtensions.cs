using KadoaBridge.Core.Delivery;
using KadoaBridge.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace KadoaBridge.Core.Ingest;

public static class IngestExtensions
{
    /// <summary>
    /// Ingest: deduplicate → route → deliver → store (history last: a stored change marks the event done), redrive, and the
    /// stores behind them (<see cref="RetentionOptions"/> from section <c>Retention</c>, validated at start-up: how long
    /// their rows are kept); with the delivery module, and through it routing and storage.
    /// </summary>
    public static TBuilder AddIngest<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
        => builder.AddModule(nameof(AddIngest), services =>
        {
            builder.AddDelivery();
            services.AddValidatedOptions<RetentionOptions, RetentionOptionsValidator>(RetentionOptions.SectionName);
            services.TryAddSingleton(TimeProvider.System);
            services.AddSingleton<Redrive>();
            services.AddSingleton<DedupeStore>();
            services.AddSingleton<ChangeStore>();
            services.AddSingleton<SnapshotOffload>();
            services.AddSingleton<IngestFailureStore>();
            services.AddSingleton<PoisonStore>();
            services.AddSingleton<PoisonKeeper>();
            // Its own memory of finished ids: a RecentIds registered for everyone would be shared with any other user of the type.
            services.AddSingleton(provider => ActivatorUtilities.CreateInstance<IngestService>(provider, new RecentIds(IngestService.RecentlyDoneCapacity)));
            services.AddSingleton<IngressRequeue>();
        });
}
