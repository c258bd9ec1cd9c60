namespace KadoaBridge.Core.Forwarding;

/// <summary>Where the realtime feed resumes: the cursor of the last event handed to Event Grid and acknowledged.</summary>
public sealed record Checkpoint(string Cursor, DateTimeOffset EventTime, DateTimeOffset UpdatedAt);
