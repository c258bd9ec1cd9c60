namespace KadoaBridge.Core.Delivery;

/// <summary>How <see cref="RouteDispatcher"/> treats destinations an event may have reached before.</summary>
/// <param name="Force">Republish even where already published (replay).</param>
/// <param name="Resumed">Some destinations may be done already (a retried or taken-over event): skip those whose state
/// row says failed (redrive owns them) or dead-lettered. A first delivery that succeeded left no row, so an event taken
/// over after its instance died between publishing and storing is published again, with the same id.</param>
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
