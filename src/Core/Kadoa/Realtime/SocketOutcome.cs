namespace KadoaBridge.Core.Kadoa.Realtime;

/// <summary>Why the receiver stopped watching a socket.</summary>
public enum SocketOutcome
{
    /// <summary>The server or the network closed it.</summary>
    Closed,

    /// <summary>No heartbeat within the timeout.</summary>
    HeartbeatLost,

    /// <summary><c>control.draining</c>: open a replacement.</summary>
    Draining,

    /// <summary>The in-flight budget is spent: stop reading until the pipeline catches up.</summary>
    Overflow,
}
