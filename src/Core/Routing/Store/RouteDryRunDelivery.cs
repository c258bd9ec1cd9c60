using System.Text.Json;

namespace KadoaBridge.Core.Routing.Store;

/// <summary>One delivery a dry run would make.</summary>
/// <param name="Destination">The destination alias.</param>
/// <param name="Rule">The rule that chose it (and shaped the event); null for the default destination.</param>
/// <param name="CloudEvent">The event as the destination would receive it, after the rule's transform. A snapshot kept in
/// Blob Storage shows as <c>data.snapshotRef</c>; delivery inlines it when the event stays under 1 MB.</param>
public sealed record RouteDryRunDelivery(string Destination, string? Rule, JsonElement CloudEvent);
