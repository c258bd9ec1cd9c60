namespace KadoaBridge.Core.Contract;

/// <summary>Where an event came from: the CloudEvent's <c>kadoaorigin</c> attribute (docs/contract.md).</summary>
public enum EventOrigin
{
    /// <summary><c>realtime</c>: Kadoa's WebSocket feed, through the listener.</summary>
    Realtime,

    /// <summary><c>backfill</c>: Kadoa's REST record of changes (<c>GET /v5/changes</c>), by a backfill or the gap-fill timer.</summary>
    Backfill,
}
