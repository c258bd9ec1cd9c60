using KadoaBridge.Core.Delivery;
using KadoaBridge.Core.Routing;

namespace KadoaBridge.Core.Ingest;

/// <summary>The outcome of ingesting one message, with each destination's state.</summary>
public sealed record IngestResult(IngestOutcome Outcome, string? Id, RouteOutcome? Route, IReadOnlyDictionary<string, DeliveryState> Deliveries, string? Reason = null);
