namespace KadoaBridge.Core.Reconcile;

/// <summary>What a reconciliation saw: changes Kadoa listed, and those of them history lacked (sent to ingest).</summary>
public readonly record struct ReconcileTally(int Found, int Missing)
{
    public static ReconcileTally operator +(ReconcileTally a, ReconcileTally b) => new(a.Found + b.Found, a.Missing + b.Missing);
}
