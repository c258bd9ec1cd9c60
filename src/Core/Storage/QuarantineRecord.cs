namespace KadoaBridge.Core.Storage;

/// <summary>A frame the bridge could not forward, kept with the reason.</summary>
/// <param name="Reason">What is wrong, in words an operator can act on.</param>
/// <param name="Frame">The frame's bytes as received.</param>
/// <param name="ReceivedAt">When it arrived.</param>
public sealed record QuarantineRecord(string Reason, ReadOnlyMemory<byte> Frame, DateTimeOffset ReceivedAt);
