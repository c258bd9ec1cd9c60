namespace KadoaBridge.Core.Kadoa.Realtime;

/// <summary>Either a frame or the reason it could not be read (the frame then goes to quarantine).</summary>
public readonly record struct FrameDecodeResult(KadoaFrame? Frame, string? Error)
{
    public static FrameDecodeResult Malformed(string reason) => new(null, reason);
}
