namespace KadoaBridge.Core.ControlPlane;

/// <summary>An ingress message that failed, and why.</summary>
/// <param name="Poisoned">True when it failed every attempt and now sits in <c>ingress-poison</c>.</param>
public sealed record IngestFailure(string MessageId, string Reason, bool Poisoned, DateTimeOffset? At);
