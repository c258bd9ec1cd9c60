namespace KadoaBridge.KadoaSimulator;

/// <summary>
/// The three event envelopes Kadoa's documents show (PROTOCOL.md, "Frames").
/// </summary>
public enum EnvelopeVariant
{
    /// <summary><c>type</c>, <c>timestamp</c> (Unix ms), <c>id</c>, <c>_cursor</c>, <c>data</c>: the documented shape.</summary>
    Documented,

    /// <summary><c>type</c>, <c>timestamp</c> (Unix ms), <c>id</c>, <c>_cursor</c>, <c>message</c>: what the official SDKs read.</summary>
    Sdk,

    /// <summary><c>eventType</c>, <c>timestamp</c> (ISO-8601 string), <c>id</c>, <c>_cursor</c>, <c>message</c>: older examples.</summary>
    Legacy,
}
