namespace KadoaBridge.EventGridEmulator;

/// <summary>
/// Dead-letters into an Azure Storage blob container (Azurite locally), like Event Grid's <c>StorageBlob</c> dead-letter
/// destination: one blob per dead-lettered event, named and shaped as <see cref="DeadLetterBlobWriter"/> describes. The
/// container is created when missing.
/// </summary>
/// <param name="ConnectionString">Storage connection string (Azurite's, or <c>UseDevelopmentStorage=true</c>).</param>
/// <param name="ContainerName">Blob container name, e.g. <c>deadletters</c>.</param>
public sealed record DeadLetterBlobDestination(string ConnectionString, string ContainerName)
{
    /// <summary>Keeps the account key out of logs and test output.</summary>
    public override string ToString() => $"DeadLetterBlobDestination {{ ContainerName = {ContainerName} }}";
}
