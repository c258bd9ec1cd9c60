namespace KadoaBridge.Core.Kadoa.Realtime;

/// <summary>
/// What <see cref="RealtimeSocket"/> needs from one WebSocket to Kadoa: connect, send a text frame, close. Received
/// frames and the end of the connection arrive through the callbacks given to <see cref="IRealtimeTransportFactory"/>.
/// The seam lets the receiver's timing (heartbeat watchdog, drain, backoff) be tested without a server.
/// </summary>
public interface IRealtimeTransport : IDisposable
{
    /// <summary>Opens the connection; throws when it cannot be opened.</summary>
    Task ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Sends one text frame.</summary>
    Task SendAsync(string text, CancellationToken cancellationToken);

    /// <summary>Closes the connection normally, bounded by a timeout; a connection already gone is not an error.</summary>
    Task CloseAsync(string reason);
}
