using Microsoft.Azure.Functions.Worker;

namespace KadoaBridge.LocalRun.FunctionsHost;

/// <summary>What a timer trigger hands to its function: the schedule status and the shutdown token.</summary>
internal sealed record TimerInvocation(TimerInfo Info, CancellationToken CancellationToken);
