namespace KadoaBridge.Core.Diagnostics;

/// <summary>What the listener's realtime connection is doing.</summary>
public enum ConnectionState
{
    Starting,
    Connecting,
    Connected,

    /// <summary>Not reading: Event Grid or storage is behind and the in-flight budget is spent.</summary>
    Paused,

    /// <summary>Kadoa refused the API key (401/403); retrying slowly.</summary>
    KeyRejected,
    WaitingToReconnect,
    Stopped,
}
