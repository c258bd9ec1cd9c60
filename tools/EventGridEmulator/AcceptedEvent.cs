using System.Text.Json;

namespace KadoaBridge.EventGridEmulator;

/// <summary>A CloudEvent the emulator accepted.</summary>
/// <param name="Id">The CloudEvent <c>id</c>.</param>
/// <param name="Type">The CloudEvent <c>type</c>.</param>
/// <param name="Source">The CloudEvent <c>source</c>.</param>
/// <param name="Subject">The CloudEvent <c>subject</c>, when present.</param>
/// <param name="CloudEvent">The event exactly as published (a cloned element that outlives the request).</param>
/// <param name="SizeBytes">Size of the event's JSON in UTF-8 bytes, as published.</param>
/// <param name="AcceptedTimestamp"><see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> at acceptance, for latency measurements.</param>
/// <param name="AcceptedAt">Wall-clock time of acceptance (the emulator's <see cref="TimeProvider"/>).</param>
public sealed record AcceptedEvent(
    string Id,
    string Type,
    string Source,
    string? Subject,
    JsonElement CloudEvent,
    int SizeBytes,
    long AcceptedTimestamp,
    DateTimeOffset AcceptedAt);
