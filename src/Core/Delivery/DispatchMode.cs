namespace KadoaBridge.Core.Delivery;

/// <summary>How <see cref="RouteDispatcher"/> treats destinations an event may have reached before.</summary>
/// <param name="Force">Republish even where already published (replay).</param>
/// <param name="Resumed">Some destinations may be done already (a retried or taken-over event): check their state first.</param>
/// <param name="Only">Restrict delivery to these aliases; null: every destination the rules choose.</param>
public sealed record DispatchMode(bool Force, bool Resumed, IReadOnlySet<string>? Only = null)
{
    /// <summary>An event's first processing: nothing delivered yet, no state to read.</summary>
    public static readonly DispatchMode FirstDelivery = new(Force: false, Resumed: false);

    /// <summary>A retried or taken-over event: skip destinations already handled.</summary>
    public static readonly DispatchMode Resume = new(Force: false, Resumed: true);

    /// <summary>Replay: publish again, optionally to a subset of destinations.</summary>
    public static DispatchMode Replay(IReadOnlySet<string>? only) => new(Force: true, Resumed: true, only);
}
