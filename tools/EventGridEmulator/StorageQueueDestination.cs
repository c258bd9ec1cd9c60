namespace KadoaBridge.EventGridEmulator;

/// <summary>
/// Delivers into an Azure Storage queue (Azurite locally): one message per event whose text is the CloudEvent JSON,
/// not base64-encoded, like Event Grid's Storage queue handler. The queue is created when missing.
/// </summary>
/// <param name="ConnectionString">Storage connection string (Azurite's, or <c>UseDevelopmentStorage=true</c>).</param>
/// <param name="QueueName">Queue name.</param>
public sealed record StorageQueueDestination(string ConnectionString, string QueueName)
{
    /// <summary>Keeps the account key out of logs and test output.</summary>
    public override string ToString() => $"StorageQueueDestination {{ QueueName = {QueueName} }}";
}
