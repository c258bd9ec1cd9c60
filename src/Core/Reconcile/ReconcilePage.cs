namespace KadoaBridge.Core.Reconcile;

/// <summary>One page reconciled: its tally, and the <c>skip</c> of the next page (null after the last).</summary>
public readonly record struct ReconcilePage(ReconcileTally Tally, int? Next);
