using System.Text.Json.Nodes;

namespace KadoaBridge.KadoaSimulator;

/// <summary>One event of the simulator's log, as it was emitted.</summary>
/// <param name="Sequence">Position in the log, starting at 1.</param>
/// <param name="DeliveryId">The frame's <c>id</c> (what clients acknowledge); empty when it was omitted.</param>
/// <param name="Cursor">The event's resume position (<c>_cursor</c>), also when it was left out of the frame.</param>
/// <param name="Type">Event type, e.g. <c>workflow_data_change</c>.</param>
/// <param name="Payload">The payload sent as <c>data</c> or <c>message</c>.</param>
/// <param name="Timestamp">The frame's <c>timestamp</c>.</param>
/// <param name="SentTimestamp"><see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> when the frame was first written to a socket; 0 while it was not.</param>
/// <param name="ChangeId">The payload's <c>id</c> for <c>workflow_data_change</c> events (the change id, not the delivery id); otherwise null.</param>
public sealed record SimulatedEvent(
    long Sequence,
    string DeliveryId,
    string Cursor,
    string Type,
    JsonNode? Payload,
    DateTimeOffset Timestamp,
    long SentTimestamp,
    string? ChangeId);
