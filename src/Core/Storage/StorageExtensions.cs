using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Storage;

public static class StorageExtensions
{
    /// <summary>
    /// Registers the Table, Blob and Queue service clients once, from <see cref="StorageOptions"/> (section
    /// <c>Storage</c>, validated at start-up): a connection string (Azurite by default) or service URIs with the shared
    /// <see cref="TokenCredential"/>. Retries are the SDK's. Also the stores both hosts share: payloads (claim-check),
    /// quarantine, and the table batcher and bootstrap.
    /// </summary>
    public static TBuilder AddBridgeStorage<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
        => builder.AddModule(nameof(AddBridgeStorage), services =>
        {
            services.AddValidatedOptions<StorageOptions, StorageOptionsValidator>(StorageOptions.SectionName);
            services.AddBridgeAzureDefaults();
            services.AddAzureClients(clients =>
            {
                clients.AddClient<TableServiceClient, TableClientOptions>((options, credential, provider) =>
                {
                    var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
                    return storage.UsesIdentity
                        ? new TableServiceClient(storage.TableServiceUri, credential, options)
                        : new TableServiceClient(storage.EffectiveConnectionString, options);
                });
                clients.AddClient<BlobServiceClient, BlobClientOptions>((options, credential, provider) =>
                {
                    var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
                    return storage.UsesIdentity
                        ? new BlobServiceClient(storage.BlobServiceUri, credential, options)
                        : new BlobServiceClient(storage.EffectiveConnectionString, options);
                });
                clients.AddClient<QueueServiceClient, QueueClientOptions>((options, credential, provider) =>
                {
                    var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
                    options.MessageEncoding = QueueMessageEncoding.None;
                    return storage.UsesIdentity && storage.QueueServiceUri is not null
                        ? new QueueServiceClient(storage.QueueServiceUri, credential, options)
                        : new QueueServiceClient(storage.EffectiveConnectionString, options);
                });
            });
            services.TryAddSingleton<TableBatcher>();
            services.TryAddSingleton<StorageBootstrap>();
            services.TryAddSingleton<ClaimCheckStore>();
            services.TryAddSingleton<QuarantineStore>();
        });
}
