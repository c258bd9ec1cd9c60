namespace KadoaBridge.Core.ControlPlane;

/// <summary>A message on queue <c>replay</c>: republish page <paramref name="Page"/> (0-based) of job <paramref name="JobId"/>.</summary>
public sealed record ReplayWorkItem(string JobId, int Page);
