namespace KadoaBridge.KadoaSimulator;

/// <summary>One <c>subscribe</c> frame the simulator received.</summary>
/// <param name="SocketNumber">Number of the socket that sent it (1 for the first socket accepted).</param>
/// <param name="Channel">The <c>channel</c> asked for (may be wrong: the socket is then closed).</param>
/// <param name="LastCursor">The <c>lastCursor</c> sent, null when none.</param>
/// <param name="At">When it was received.</param>
public sealed record SubscribeRecord(int SocketNumber, string Channel, string? LastCursor, DateTimeOffset At);
