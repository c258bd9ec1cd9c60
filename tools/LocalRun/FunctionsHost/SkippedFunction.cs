namespace KadoaBridge.LocalRun.FunctionsHost;

/// <summary>A function the local host does not run, and why (shown in the banner).</summary>
internal sealed record SkippedFunction(string Name, string Reason);
