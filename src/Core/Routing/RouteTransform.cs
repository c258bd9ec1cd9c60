using System.Text.Json.Serialization;

namespace KadoaBridge.Core.Routing;

/// <summary>How a rule reshapes the CloudEvent for its destinations (applied by <see cref="CloudEventTransformer"/>).</summary>
public sealed record RouteTransform
{
    /// <summary>Removes <c>data.snapshot</c> and <c>data.snapshotRef</c>. Default false.</summary>
    public bool OmitSnapshot { get; init; }

    /// <summary>Replaces the CloudEvent <c>type</c> (1-256 characters, no control characters); null keeps it.</summary>
    public string? Type { get; init; }

    /// <summary>
    /// Keeps only these top-level <c>data</c> properties (plus <c>changeId</c> and <c>workflowId</c>, always kept);
    /// null keeps all. An empty list keeps just the two ids.
    /// </summary>
    public IReadOnlyList<string>? KeepDataFields { get; init; }

    /// <summary>True when the transform changes nothing. Not part of the rule's JSON (the API and the <c>Routes</c> table).</summary>
    [JsonIgnore]
    public bool IsIdentity => !OmitSnapshot && Type is null && KeepDataFields is null;
}
