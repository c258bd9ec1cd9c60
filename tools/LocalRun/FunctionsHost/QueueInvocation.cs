using Azure.Storage.Queues.Models;

namespace KadoaBridge.LocalRun.FunctionsHost;

/// <summary>What a queue trigger hands to its function: the message (body and metadata) and the shutdown token.</summary>
internal sealed record QueueInvocation(QueueMessage Message, CancellationToken CancellationToken);
