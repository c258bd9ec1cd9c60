namespace KadoaBridge.Core.Delivery;

/// <summary>How <see cref="DeliveryService"/> treats destinations an event may have reached before.</summary>
/// <param name="Force">Republish even where already published (replay).</param>
/// <param name="Resumed">Some destinations may be done already (a retried or taken-over event, or one moved back from
/// poison): skip those in <paramref name="Delivered"/> and those whose state row says published or failed (redrive owns
/// those). A dead-lettered one is tried again: its change is not stored yet (else the event would be a repeat), so it
/// was given up before the event was ever complete. A first delivery that succeeded left no row, so an event taken over
/// after its instance died between publishing and releasing its claim is published again, with the same id.</param>
/// <param name="Only">Restrict delivery to these aliases; null: every destination the rules choose.</param>
/// <param name="Delivered">Destinations an earlier attempt of this event published to (recorded on its dedupe claim).</param>
public sealed record DeliveryMode(bool Force, bool Resumed, IReadOnlySet<string>? Only = null, IReadOnlySet<string>? Delivered = null)
{
    /// <summary>An event's first processing: nothing delivered yet, no state to read.</summary>
    public static readonly DeliveryMode FirstDelivery = new(Force: false, Resumed: false);

    /// <summary>A retried or taken-over event: skip destinations already handled.</summary>
    public static DeliveryMode Resume(IReadOnlySet<string>? delivered) => new(Force: false, Resumed: true, Delivered: delivered);

    /// <summary>Replay: publish again, optionally to a subset of destinations.</summary>
    public static DeliveryMode Replay(IReadOnlySet<string>? only) => new(Force: true, Resumed: true, only);
}
