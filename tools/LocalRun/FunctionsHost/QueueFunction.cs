namespace KadoaBridge.LocalRun.FunctionsHost;

/// <summary>A function with a <c>[QueueTrigger]</c>: a <see cref="QueueTriggerPump"/> runs it for every message of <see cref="QueueName"/>.</summary>
/// <param name="QueueName">The queue, <c>%setting%</c> expressions resolved.</param>
/// <param name="Connection">The trigger's connection setting name; null = <c>AzureWebJobsStorage</c>.</param>
internal sealed record QueueFunction(string Name, string QueueName, string? Connection, FunctionInvoker<QueueInvocation> Invoker);
