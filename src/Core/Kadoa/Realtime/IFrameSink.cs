
namespace KadoaBridge.Core.Kadoa.Realtime;

/// <summary>
/// What the receiver hands its sockets' messages to, and asks where to resume and when to read on. Implemented a layer
/// up by the listener's forwarding (<c>Forwarding.ForwardingSink</c>), so this layer knows sockets, tokens and
/// heartbeats, not the contract, Event Grid or the checkpoint table.
/// </summary>
public interface IFrameSink
{
    /// <summary>Where a new socket resumes: the cursor of the last frame accepted, else the stored checkpoint's; null for the start of the feed.</summary>
    string? LastCursor { get; }

    /// <summary>Events and bytes accepted and not yet checkpointed (the in-flight budget in use).</summary>
    (int Events, long Bytes) InFlight { get; }

    /// <summary>Runs forwarding until cancelled. The receiver runs it beside its own loop; neither ends while the host runs.</summary>
    Task RunAsync(CancellationToken cancellationToken);

    /// <summary>The team whose events the next socket carries (its token names it).</summary>
    void UseTeam(string teamId);

    /// <summary>
    /// Prepares storage and resumes from the stored checkpoint of <paramref name="teamId"/>, if there is one. Called once
    /// per process, before the first socket; throws when storage fails (the receiver waits and calls again).
    /// </summary>
    Task LoadCheckpointAsync(string teamId, CancellationToken cancellationToken);

    /// <summary>Called by a socket for each message, on that socket's receive loop.</summary>
    void OnMessage(RealtimeSocket socket, ReceivedMessage message);

    /// <summary>Completes when at most half of the in-flight budget is in use: the receiver reads again.</summary>
    Task WaitUntilHalfFreeAsync(CancellationToken cancellationToken);
}
