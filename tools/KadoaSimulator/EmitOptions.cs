namespace KadoaBridge.KadoaSimulator;

/// <summary>Per-event overrides for the emit methods of <see cref="KadoaSimulator"/>.</summary>
public sealed class EmitOptions
{
    /// <summary>Delivery id to send instead of the generated <c>dlv-{sequence}</c> (e.g. to repeat an id). Default: null.</summary>
    public string? DeliveryId { get; set; }

    /// <summary>Envelope for this event. Default: null = <see cref="KadoaSimulatorOptions.DefaultEnvelope"/>.</summary>
    public EnvelopeVariant? Envelope { get; set; }

    /// <summary>Leave <c>id</c> out of the frame (the event cannot be acknowledged). Default: false.</summary>
    public bool OmitDeliveryId { get; set; }

    /// <summary>Leave <c>_cursor</c> out of the frame (the event still has a position in the log). Default: false.</summary>
    public bool OmitCursor { get; set; }

    /// <summary>
    /// For data changes: <c>GET /v5/changes</c> answers <c>dataPending: true</c> and <c>data: null</c> for this change
    /// until <see cref="KadoaSimulator.SetChangeDataPending"/> clears it, and the realtime event itself carries
    /// <c>dataPending: true</c> and <c>data: null</c>, as Kadoa emits a change before storing its data. Default: null =
    /// <see cref="KadoaSimulatorOptions.EmitDataPending"/>.
    /// </summary>
    public bool? ChangeDataPending { get; set; }
}
