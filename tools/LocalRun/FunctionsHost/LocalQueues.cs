using System.Collections.Concurrent;
using Azure.Storage.Queues;
using KadoaBridge.Core.Storage;
using Microsoft.Extensions.Options;

namespace KadoaBridge.LocalRun.FunctionsHost;

/// <summary>
/// Queue clients for triggers and output bindings. A binding's <c>Connection</c> setting is used when it holds a
/// connection string; otherwise the app's storage (<c>Storage__ConnectionString</c>, Azurite by default), because
/// locally there is no managed identity. Messages use host.json's encoding. Each queue is created once, when missing.
/// </summary>
internal sealed class LocalQueues(IConfiguration configuration, IOptions<StorageOptions> storage, HostJsonSettings host)
{
    private readonly ConcurrentDictionary<(string Connection, string Queue), QueueClient> _clients = new();

    /// <summary>The connection string a binding with <paramref name="connection"/> uses locally (never logged).</summary>
    public string ResolveConnectionString(string? connection)
    {
        var configured = configuration[string.IsNullOrEmpty(connection) ? "AzureWebJobsStorage" : connection];
        return configured is not null && configured.Contains('=', StringComparison.Ordinal) ? configured : storage.Value.EffectiveConnectionString;
    }

    /// <summary>The queue's client; the queue exists when this completes (a failed creation is tried again on the next call).</summary>
    public async Task<QueueClient> GetAsync(string? connection, string queueName, CancellationToken cancellationToken)
    {
        var key = (ResolveConnectionString(connection), queueName);
        if (_clients.TryGetValue(key, out var existing))
        {
            return existing;
        }

        var queue = new QueueClient(key.Item1, queueName, new QueueClientOptions { MessageEncoding = host.MessageEncoding });
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        return _clients.GetOrAdd(key, queue);
    }
}
