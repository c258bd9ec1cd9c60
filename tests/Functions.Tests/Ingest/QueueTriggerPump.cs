using Azure.Storage.Queues;
using KadoaBridge.Functions.Ingest;

namespace KadoaBridge.Functions.Tests.Ingest;

/// <summary>
/// Does what the Functions host does for the ingest queue trigger: receive, invoke the function, delete on success,
/// leave the message for a retry on failure. Bounded in rounds; stops when asked.
/// </summary>
public static class QueueTriggerPump
{
    private static readonly TimeSpan IdleWait = TimeSpan.FromMilliseconds(50);

    public static async Task RunAsync(QueueClient queue, IngestFunction function, CancellationToken cancellationToken)
    {
        for (var round = 0; round < 100_000 && !cancellationToken.IsCancellationRequested; round++)
        {
            var messages = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(5), CancellationToken.None)).Value;
            if (messages.Length == 0)
            {
                try
                {
                    await Task.Delay(IdleWait, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            foreach (var message in messages)
            {
                try
                {
                    await function.RunAsync(message, CancellationToken.None);
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Left on the queue: it becomes visible again and is retried, as with the Functions host.
                }
            }
        }
    }
}
