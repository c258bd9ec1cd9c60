using KadoaBridge.Core.Kadoa.Realtime;

namespace KadoaBridge.Core.Tests.Kadoa;

/// <summary>An in-memory transport: records what is sent, hands frames to the socket, disconnects on request.</summary>
internal sealed class FakeTransport : IRealtimeTransportFactory, IRealtimeTransport
{
    private Action<ReceivedMessage>? _onFrame;
    private Action? _onDisconnected;

    public List<string> Sent { get; } = [];

    public string? AccessToken { get; private set; }

    public bool Connected { get; private set; }

    public string? ClosedBecause { get; private set; }

    public IRealtimeTransport Create(int number, Uri realtimeUrl, string accessToken, Action<ReceivedMessage> onFrame, Action onDisconnected)
    {
        AccessToken = accessToken;
        _onFrame = onFrame;
        _onDisconnected = onDisconnected;
        return this;
    }

    public Task ConnectAsync(CancellationToken cancellationToken)
    {
        Connected = true;
        return Task.CompletedTask;
    }

    public Task SendAsync(string text, CancellationToken cancellationToken)
    {
        Sent.Add(text);
        return Task.CompletedTask;
    }

    public Task CloseAsync(string reason)
    {
        ClosedBecause = reason;
        return Task.CompletedTask;
    }

    /// <summary>A frame from Kadoa.</summary>
    public void Receive(string json) => _onFrame!(new ReceivedMessage(System.Text.Encoding.UTF8.GetBytes(json)));

    /// <summary>The server or the network drops the connection.</summary>
    public void Drop() => _onDisconnected!();

    public void Dispose() => Connected = false;
}
