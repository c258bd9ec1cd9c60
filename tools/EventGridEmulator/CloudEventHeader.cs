namespace KadoaBridge.EventGridEmulator;

/// <summary>The attributes of a validated CloudEvent the emulator indexes.</summary>
internal readonly record struct CloudEventHeader(string Id, string Type, string Source, string? Subject);
