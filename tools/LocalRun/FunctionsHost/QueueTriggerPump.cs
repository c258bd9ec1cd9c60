using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace KadoaBridge.LocalRun.FunctionsHost;

/// <summary>
/// Runs one queue-triggered function the way the Functions host does: receive a batch of host.json's <c>batchSize</c>,
/// run the function for each message at once, and fetch the next batch as soon as the messages still running drop to
/// <c>newBatchThreshold</c> (so up to <c>batchSize + newBatchThreshold</c> run at once, never waiting for a whole batch);
/// delete on success; on failure leave the message to come back after <c>visibilityTimeout</c>, and after
/// <c>maxDequeueCount</c> attempts move it to <c>{queue}-poison</c>. An empty queue is polled with a backoff from 100 ms
/// doubling up to <c>maxPollingInterval</c>.
/// </summary>
internal sealed class QueueTriggerPump(
    QueueFunction function, LocalQueues queues, HostJsonSettings host, IServiceProvider services, TimeProvider time, ILogger<QueueTriggerPump> logger) : BackgroundService
{
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);

    public string PoisonQueueName => function.QueueName + "-poison";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        List<Task> running = [];
        try
        {
            await PumpAsync(running, stoppingToken);
        }
        finally
        {
            await Task.WhenAll(running); // each catches its own failures; stopping lets them end
        }
    }

    private async Task PumpAsync(List<Task> running, CancellationToken stoppingToken)
    {
        var delay = MinPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                running.RemoveAll(task => task.IsCompleted);
                if (running.Count > host.NewBatchThreshold)
                {
                    await Task.WhenAny(running).WaitAsync(stoppingToken);
                    continue;
                }

                var queue = await queues.GetAsync(function.Connection, function.QueueName, stoppingToken);
                var messages = (await queue.ReceiveMessagesAsync(host.BatchSize, host.RunVisibility, stoppingToken)).Value;
                if (messages.Length > 0)
                {
                    delay = MinPollingInterval;
                    running.AddRange(messages.Select(message => Task.Run(() => ProcessAsync(queue, message, stoppingToken), CancellationToken.None)));
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (IsStorageFailure(e))
            {
                // Storage unreachable or refusing: poll again later, as the host's listener does.
                Log.QueueStorageFailed(logger, function.QueueName, e);
            }

            try
            {
                await Task.Delay(delay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, host.MaxPollingInterval.Ticks));
        }
    }

    private async Task ProcessAsync(QueueClient queue, QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            if (message.DequeueCount > host.MaxDequeueCount)
            {
                await MoveToPoisonAsync(queue, message, cancellationToken); // failed before, e.g. the process died while it ran
                return;
            }

            await using (var scope = services.CreateAsyncScope())
            {
                await function.Invoker.InvokeAsync(scope.ServiceProvider, new QueueInvocation(message, cancellationToken), cancellationToken);
            }

            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            Log.QueueMessageCompleted(logger, function.Name, message.MessageId);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the message becomes visible again and runs next time.
        }
        catch (Exception e)
        {
            Log.QueueMessageFailed(logger, function.Name, message.MessageId, message.DequeueCount, host.MaxDequeueCount, e);
            await AfterFailureAsync(queue, message, cancellationToken);
        }
    }

    private async Task AfterFailureAsync(QueueClient queue, QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            if (message.DequeueCount >= host.MaxDequeueCount)
            {
                await MoveToPoisonAsync(queue, message, cancellationToken);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: host.VisibilityTimeout, cancellationToken: cancellationToken);
            }
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            // The message comes back when its run visibility ends, and counts one more attempt.
            Log.QueueStorageFailed(logger, function.QueueName, e);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task MoveToPoisonAsync(QueueClient queue, QueueMessage message, CancellationToken cancellationToken)
    {
        var poison = await queues.GetAsync(function.Connection, PoisonQueueName, cancellationToken);
        await poison.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        Log.QueueMessagePoisoned(logger, function.Name, message.MessageId, message.DequeueCount, PoisonQueueName);
    }

    /// <summary>Storage refused or could not be reached (after the SDK's retries, which wrap the attempts in an <see cref="AggregateException"/>).</summary>
    private static bool IsStorageFailure(Exception e) =>
        e is RequestFailedException or HttpRequestException || (e is AggregateException all && all.InnerExceptions.All(IsStorageFailure));
}
