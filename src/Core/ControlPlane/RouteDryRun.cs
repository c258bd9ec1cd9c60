using System.Text.Json;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Routing;
using KadoaBridge.Core.Routing.Store;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.ControlPlane;

/// <summary>
/// <c>POST /api/routes/test</c>: routes an event (given, or a stored change found by id) through the rules stored now,
/// exactly as ingest would, and returns the decision and the CloudEvent each destination would receive. Publishes nothing.
/// </summary>
public sealed class RouteDryRun(IRouteRuleSource rules, DedupeStore dedupe, ChangeStore changes, IOptions<RoutingOptions> routing)
{
    /// <summary>The report, or null when <see cref="RouteDryRunRequest.ChangeId"/> names no stored change.</summary>
    /// <exception cref="RouteRuleValidationException">A stored rule does not compile under the current configuration
    /// (e.g. it names a destination that was removed).</exception>
    public async Task<RouteDryRunReport?> RunAsync(RouteDryRunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var cloudEvent = request.CloudEvent;
        if (request.ChangeId is { } changeId)
        {
            var stored = await dedupe.FindHistoryAsync(changeId, cancellationToken) is { } at
                ? await changes.GetAsync(at.Partition, at.Row, cancellationToken)
                : null;
            if (stored is null || stored.Event.IsEmpty)
            {
                return null;
            }

            cloudEvent = stored.Event;
        }

        var (version, loaded) = await rules.LoadAsync(cancellationToken);
        var options = routing.Value;
        var table = CompiledRouteTable.Compile(loaded, options.Destinations.Keys, options.DefaultDestination is { Length: > 0 } d ? d : null);
        using var document = JsonDocument.Parse(cloudEvent);
        var decision = table.Route(document.RootElement);
        var deliveries = decision.Targets
            .Select(target => new RouteDryRunDelivery(target.Destination, target.Rule?.Name, Shape(cloudEvent, target.Transform)))
            .ToList();
        var id = document.RootElement.GetProperty("id").GetString()!;
        return new RouteDryRunReport(id, decision.Outcome, decision.MatchedRules, decision.StoppedBy, version, deliveries);
    }

    private static JsonElement Shape(ReadOnlyMemory<byte> cloudEvent, RouteTransform? transform)
    {
        using var shaped = JsonDocument.Parse(CloudEventTransformer.Apply(cloudEvent.Span, transform));
        return shaped.RootElement.Clone();
    }
}
