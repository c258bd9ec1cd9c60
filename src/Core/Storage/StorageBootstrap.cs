using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace KadoaBridge.Core.Storage;

/// <summary>
/// Creates every table, container and queue the bridge uses (idempotent). infra/ creates them in Azure; this makes a
/// local run or a fresh emulator work without a provisioning step. The infra tests check the Bicep against these lists.
/// </summary>
public sealed class StorageBootstrap(TableServiceClient tables, BlobServiceClient blobs, QueueServiceClient queues)
{
    public static readonly string[] Tables =
    [
        TableNames.Checkpoints, TableNames.Quarantine, TableNames.Status, TableNames.Dedupe,
        TableNames.Changes, TableNames.Deliveries, TableNames.Routes, Kadoa.Provisioning.ProvisioningTableNames.Provisioning,
        TableNames.Reconcile,
    ];

    /// <summary>Blob containers: payloads, poison copies, and the ingress subscription's dead letters (Event Grid only writes into one that exists).</summary>
    public static readonly string[] Containers = [ContainerNames.Payloads, ContainerNames.Poison, ContainerNames.IngressDeadLetters];

    public static readonly string[] Queues = [QueueNames.Ingress, QueueNames.IngressPoison, QueueNames.Replay, QueueNames.Replay + "-poison",
        QueueNames.Backfill, QueueNames.Backfill + "-poison",
        QueueNames.Enrich, QueueNames.Enrich + "-poison"];

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        foreach (var table in Tables)
        {
            await tables.CreateTableIfNotExistsAsync(table, cancellationToken);
        }

        foreach (var container in Containers)
        {
            await blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }

        foreach (var queue in Queues)
        {
            await queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }
}
