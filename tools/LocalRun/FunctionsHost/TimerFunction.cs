namespace KadoaBridge.LocalRun.FunctionsHost;

/// <summary>A function with a <c>[TimerTrigger]</c>: a <see cref="TimerTriggerService"/> runs it on <see cref="Schedule"/>.</summary>
/// <param name="Schedule">NCRONTAB with seconds (<c>0 */1 * * * *</c>) or a <c>hh:mm:ss</c> interval, <c>%setting%</c> expressions resolved.</param>
/// <param name="RunOnStartup">Also run once when the host starts.</param>
internal sealed record TimerFunction(string Name, string Schedule, bool RunOnStartup, FunctionInvoker<TimerInvocation> Invoker);
