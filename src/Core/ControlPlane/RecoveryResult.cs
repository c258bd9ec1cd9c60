namespace KadoaBridge.Core.ControlPlane;

/// <summary>The answer of <c>POST /api/recovery/poison</c> and <c>POST /api/recovery/ingress-deadletters</c>.</summary>
/// <param name="Requeued">Events put back on the ingress queue whose poison copy or dead-letter blob is now gone.</param>
/// <param name="Failed">Events not recovered this time: left where they were, tried again by the next call (a repeat is deduplicated).</param>
/// <param name="Remaining">True when items are left that this call did not try (it stopped at <c>max</c>): call again.</param>
/// <param name="LastError">What went wrong last, if anything; never a key or connection string.</param>
public sealed record RecoveryResult(int Requeued, int Failed, bool Remaining, string? LastError);
