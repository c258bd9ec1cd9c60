using System.Text.Json;

namespace EventPatterns;

/// <summary>
/// A compiled Amazon EventBridge event pattern, matched against JSON events (a CloudEvent with its attributes and
/// <c>data</c>, an EventBridge event, any JSON object).
/// <para>
/// Dialect: exact strings, numbers, booleans and null; <c>prefix</c>, <c>suffix</c> (each also with
/// <c>equals-ignore-case</c>), <c>equals-ignore-case</c>, <c>wildcard</c>, <c>anything-but</c> (values, or prefix,
/// suffix, equals-ignore-case, wildcard), <c>numeric</c>, <c>exists</c>, <c>cidr</c>, <c>$or</c>, nested objects; an
/// event array matches when any element matches, and conditions inside an array of objects must hold in the same
/// element (array-consistent matching). See docs: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
/// </para>
/// <para>
/// Instances are immutable and thread-safe: parse once, match from any thread. <see cref="Matches(JsonElement)"/>
/// does not allocate.
/// </para>
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
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    public static EventPattern Parse(string json) => new(json, PatternParser.Parse(json));

    /// <summary>
    /// Does the event (a JSON object) match? Allocation-free. A value that is not an object matches only a pattern
    /// whose every field is <c>{"exists": false}</c>.
    /// </summary>
    public bool Matches(JsonElement jsonEvent)
    {
        foreach (ObjectNode alternative in _alternatives)
        {
            if (alternative.Evaluate(jsonEvent) != NodeMatch.None)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Does the event, given as UTF-8 JSON text, match? The text is parsed into pooled buffers that are returned
    /// before this method does; to match one event against many patterns, parse it once with
    /// <see cref="JsonDocument"/> and call <see cref="Matches(JsonElement)"/>.
    /// </summary>
    /// <exception cref="JsonException"><paramref name="utf8Json"/> is not one valid JSON value.</exception>
    public bool Matches(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        using JsonDocument document = JsonDocument.ParseValue(ref reader);
        if (reader.Read())
        {
            throw new JsonException("The event must be one JSON value; more text follows it.");
        }

        return Matches(document.RootElement);
    }

    /// <inheritdoc />
    public override string ToString() => Source;
}
