namespace KadoaBridge.Core.ControlPlane;

/// <summary>How many items of one kind are stranded.</summary>
/// <param name="Count">The number counted, never more than <see cref="StrandedItems.Limit"/>.</param>
/// <param name="Capped">True when counting stopped early: there are <em>at least</em> <paramref name="Count"/>.</param>
public sealed record StrandedCount(long Count, bool Capped);
