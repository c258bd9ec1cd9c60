using System.Globalization;
using Azure;
using Azure.Storage.Queues;

namespace KadoaBridge.EventGridEmulator;

/// <summary>
/// Event Grid's Storage queue handler: one message per event, the CloudEvent JSON as plain text (no base64),
/// creating the queue when missing.
/// </summary>
internal sealed class StorageQueueEventDestination : IEventDestination, IDisposable
{
    private readonly QueueClient _queue;
    private readonly SemaphoreSlim _createGate = new(1, 1);
    private volatile bool _created;

    public StorageQueueEventDestination(StorageQueueDestination destination)
    {
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None };

        // One SDK try per attempt: the subscription's own retry schedule is what is being emulated.
        options.Retry.MaxRetries = 0;
        _queue = new QueueClient(destination.ConnectionString, destination.QueueName, options);
    }

    public async Task<DeliveryResult> DeliverAsync(AcceptedEvent cloudEvent, int attempt, CancellationToken cancellationToken)
    {
        try
        {
            if (!_created)
            {
                await EnsureCreatedAsync(cancellationToken);
            }

            var response = await _queue.SendMessageAsync(cloudEvent.CloudEvent.GetRawText(), cancellationToken: cancellationToken);
            return DeliveryResult.Success(response.GetRawResponse().Status);
        }
        catch (RequestFailedException exception) when (exception.Status == 0)
        {
            return DeliveryResult.Failure(null, $"Storage queue '{_queue.Name}' could not be reached: {exception.InnerException?.Message ?? exception.GetType().Name}", exception);
        }
        catch (RequestFailedException exception)
        {
            if (exception.Status == 404)
            {
                _created = false;
            }

            var status = exception.Status.ToString(CultureInfo.InvariantCulture);
            return DeliveryResult.Failure(exception.Status, $"Storage queue '{_queue.Name}' answered {status} {exception.ErrorCode}.", exception);
        }
    }

    public void Dispose() => _createGate.Dispose();

    private async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await _createGate.WaitAsync(cancellationToken);
        try
        {
            if (!_created)
            {
                await _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                _created = true;
            }
        }
        finally
        {
            _createGate.Release();
        }
    }
}
