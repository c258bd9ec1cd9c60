using System.Text.Json;

namespace KadoaBridge.Core.Routing.Patterns;

/// <summary>
/// A compiled Amazon EventBridge event pattern, matched against CloudEvents (attributes and <c>data</c>).
/// <para>
/// Dialect: exact strings, numbers, booleans and null; <c>prefix</c>, <c>suffix</c> (each also with
/// <c>equals-ignore-case</c>), <c>equals-ignore-case</c>, <c>wildcard</c>, <c>anything-but</c> (values, or prefix,
/// suffix, equals-ignore-case, wildcard), <c>numeric</c>, <c>exists</c>, <c>cidr</c>, <c>$or</c>, nested objects; an
/// event array matches when any element matches, and conditions inside an array of objects must hold in the same
/// element (array-consistent matching). See docs: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
/// </para>
/// <para>Instances are immutable and thread-safe; <see cref="Matches"/> does not allocate.</para>
/// </summary>
public sealed class EventPattern
{
    private readonly ObjectNode[] _alternatives;

    private EventPattern(string source, ObjectNode[] alternatives)
    {
        Source = source;
        _alternatives = alternatives;
    }

    /// <summary>The pattern text this instance was parsed from.</summary>
    public string Source { get; }

    /// <summary>Parses and validates a pattern. Limits are in <see cref="EventPatternLimits"/>.</summary>
    /// <exception cref="PatternValidationException">The pattern is invalid; the exception names the JSON path.</exception>
    public static EventPattern Parse(string json) => new(json, PatternParser.Parse(json));

    /// <summary>Does the CloudEvent (a JSON object) match? Allocation-free.</summary>
    public bool Matches(JsonElement cloudEvent)
    {
        foreach (ObjectNode alternative in _alternatives)
        {
            if (alternative.Evaluate(cloudEvent) != NodeMatch.None)
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public override string ToString() => Source;
}
