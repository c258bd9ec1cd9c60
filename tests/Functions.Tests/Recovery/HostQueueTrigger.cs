using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using KadoaBridge.Functions.Ingest;

namespace KadoaBridge.Functions.Tests.Recovery;

/// <summary>The Functions host's handling of a queue-triggered function, run in the test until the queue is empty.</summary>
internal static class HostQueueTrigger
{
    /// <summary>
    /// Does what the Functions host does for a queue trigger (host.json: 5 attempts) until the queue is empty: receive,
    /// invoke, delete on success; on failure make the message visible again at once (the host waits its visibility
    /// timeout), and after the 5th failed attempt copy its body to <paramref name="poison"/> and delete it. Returns the
    /// invocations made. Bounded in rounds and time.
    /// </summary>
    public static async Task<int> DrainAsync(QueueClient queue, QueueClient poison, Func<QueueMessage, CancellationToken, Task> function, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var invocations = 0;
        for (var round = 0; round < 1_000; round++)
        {
            var messages = (await queue.ReceiveMessagesAsync(16, TimeSpan.FromSeconds(30))).Value;
            if (messages.Length == 0)
            {
                return invocations;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Queue {queue.Name} still has messages after {timeout}.");
            foreach (var message in messages)
            {
                invocations++;
                try
                {
                    await function(message, CancellationToken.None);
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }
                catch (Exception e) when (e is not OperationCanceledException and not Xunit.Sdk.XunitException)
                {
                    if (message.DequeueCount >= IngestFunction.MaxDequeueCount)
                    {
                        await poison.CreateIfNotExistsAsync();
                        await poison.SendMessageAsync(message.Body); // a new message (a new id), the same body, as the host does
                        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                    }
                    else
                    {
                        await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero);
                    }
                }
            }
        }

        throw new InvalidOperationException($"Queue {queue.Name} was not drained in 1,000 rounds.");
    }
}
