namespace KadoaBridge.KadoaSimulator;

/// <summary>Settings of one <see cref="KadoaSimulator"/> instance.</summary>
public sealed class KadoaSimulatorOptions
{
    /// <summary>The only accepted <c>x-api-key</c> at start (change it at run time with <see cref="KadoaSimulator.ApiKeyAccepted"/>). Default: <c>sim-key</c>.</summary>
    public string ApiKey { get; set; } = "sim-key";

    /// <summary>Team id returned with every token; the only channel a socket may subscribe to. Default: <c>team-sim</c>.</summary>
    public string TeamId { get; set; } = "team-sim";

    /// <summary>TCP port on 127.0.0.1. Default: 0 = a free port chosen by the OS (read it back from the URLs).</summary>
    public int Port { get; set; }

    /// <summary>Time between <c>heartbeat</c> frames to subscribed sockets. Default: 15 s (Kadoa's value).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Envelope of emitted events unless <see cref="EmitOptions.Envelope"/> says otherwise. Default: <see cref="EnvelopeVariant.Documented"/>.</summary>
    public EnvelopeVariant DefaultEnvelope { get; set; } = EnvelopeVariant.Documented;

    /// <summary>Clock for frame timestamps and the heartbeat timer. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Adds log providers to the simulator's host. Default: null = no logging. ASP.NET Core's own categories are
    /// held at Warning whatever this does, because request logs would contain the access token of the socket URL.
    /// </summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }

    /// <summary>How long a socket the simulator closes may take to answer the close frame before it is aborted. Default: 5 s.</summary>
    public TimeSpan CloseHandshakeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How many of the latest events a resuming socket is replayed (<c>lastCursor</c>); older ones are no longer replayed,
    /// as a real feed keeps a bounded backlog per cursor. Default: null = every event since the cursor.
    /// </summary>
    public int? RealtimeBacklog { get; set; }

    /// <summary>
    /// Emit every data change with <c>dataPending: true</c> (the event before Kadoa stored its data: <c>data</c> null on
    /// <c>GET /v5/changes</c> until <see cref="KadoaSimulator.SetChangeDataPending"/> clears it), unless
    /// <see cref="EmitOptions.ChangeDataPending"/> says otherwise. Default: false.
    /// </summary>
    public bool EmitDataPending { get; set; }

    internal void Validate()
    {
        if (RealtimeBacklog is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(RealtimeBacklog), RealtimeBacklog, "KadoaSimulatorOptions.RealtimeBacklog must be 0 or more.");
        }

        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            throw new ArgumentException("KadoaSimulatorOptions.ApiKey must not be empty.", nameof(ApiKey));
        }

        if (string.IsNullOrWhiteSpace(TeamId))
        {
            throw new ArgumentException("KadoaSimulatorOptions.TeamId must not be empty.", nameof(TeamId));
        }

        if (Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "KadoaSimulatorOptions.Port must be 0..65535.");
        }

        if (HeartbeatInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(HeartbeatInterval), HeartbeatInterval, "KadoaSimulatorOptions.HeartbeatInterval must be positive.");
        }

        if (CloseHandshakeTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(CloseHandshakeTimeout), CloseHandshakeTimeout, "KadoaSimulatorOptions.CloseHandshakeTimeout must be positive.");
        }

        ArgumentNullException.ThrowIfNull(TimeProvider);
    }
}
