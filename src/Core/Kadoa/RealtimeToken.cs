namespace KadoaBridge.Core.Kadoa;

/// <summary>A single-use realtime access token and the team whose channel it may subscribe to.</summary>
/// <param name="AccessToken">Goes into the socket URL; a secret, never logged.</param>
/// <param name="TeamId">The channel to subscribe to.</param>
public sealed record RealtimeToken(string AccessToken, string TeamId)
{
    /// <summary>Keeps the token out of logs and exception messages that format the record.</summary>
    public override string ToString() => $"RealtimeToken {{ TeamId = {TeamId} }}";
}
