using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace KadoaBridge.KadoaSimulator.Tests;

/// <summary>A plain realtime client for the tests: token, socket, subscribe, read frames with a timeout.</summary>
internal sealed class TestClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly byte[] _buffer = new byte[64 * 1024];

    private TestClient(ClientWebSocket socket) => Socket = socket;

    public ClientWebSocket Socket { get; }

    public static async Task<KadoaSimulator> StartSimulatorAsync(Action<KadoaSimulatorOptions>? configure = null)
    {
        var options = new KadoaSimulatorOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(200) };
        configure?.Invoke(options);
        return await KadoaSimulator.StartAsync(options);
    }

    public static HttpClient Http(KadoaSimulator simulator, string? apiKey = "sim-key")
    {
        var http = new HttpClient { BaseAddress = simulator.ApiBaseUrl, Timeout = Timeout };
        if (apiKey is not null)
        {
            http.DefaultRequestHeaders.Add("x-api-key", apiKey);
        }

        return http;
    }

    public static async Task<string> GetTokenAsync(KadoaSimulator simulator)
    {
        using var http = Http(simulator);
        using var response = await http.PostAsync("v4/oauth2/token", null);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return body!["access_token"]!.GetValue<string>();
    }

    public static Uri SocketUri(KadoaSimulator simulator, string token) => new($"{simulator.RealtimeUrl}?access_token={Uri.EscapeDataString(token)}");

    /// <summary>Opens a socket with a fresh token, subscribes, and waits until the simulator processed the subscribe.</summary>
    public static async Task<TestClient> ConnectAsync(KadoaSimulator simulator, string? lastCursor = null, string? channel = null)
    {
        var socket = new ClientWebSocket();
        using var cts = new CancellationTokenSource(Timeout);
        await socket.ConnectAsync(SocketUri(simulator, await GetTokenAsync(simulator)), cts.Token);
        var client = new TestClient(socket);
        var before = simulator.Subscriptions.Count;
        var subscribe = new JsonObject { ["action"] = "subscribe", ["channel"] = channel ?? simulator.TeamId };
        if (lastCursor is not null)
        {
            subscribe["lastCursor"] = lastCursor;
        }

        await client.SendAsync(subscribe.ToJsonString());
        await simulator.WaitUntilAsync(() => simulator.Subscriptions.Count > before, Timeout, () => "subscribe not processed");
        return client;
    }

    public async Task SendAsync(string text)
    {
        using var cts = new CancellationTokenSource(Timeout);
        await Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, cts.Token);
    }

    /// <summary>The next message's text, or null when the server sent a close frame.</summary>
    public async Task<string?> ReceiveTextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Timeout);
        using var message = new MemoryStream();
        while (true)
        {
            var result = await Socket.ReceiveAsync(_buffer, cts.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                // Answer the close frame like a well-behaved client, so the server can finish the handshake.
                if (Socket.State == WebSocketState.CloseReceived)
                {
                    await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", cts.Token);
                }

                return null;
            }

            message.Write(_buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
            }
        }
    }

    public async Task<JsonObject> ReceiveFrameAsync()
    {
        var text = await ReceiveTextAsync() ?? throw new InvalidOperationException("The server closed the socket.");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>The next frame that is not a heartbeat.</summary>
    public async Task<JsonObject> ReceiveEventAsync()
    {
        for (var i = 0; i < 10_000; i++)
        {
            var frame = await ReceiveFrameAsync();
            if (frame["type"]?.GetValue<string>() != "heartbeat")
            {
                return frame;
            }
        }

        throw new InvalidOperationException("Only heartbeats arrived.");
    }

    public async Task<List<JsonObject>> ReceiveEventsAsync(int count)
    {
        var events = new List<JsonObject>(count);
        while (events.Count < count)
        {
            events.Add(await ReceiveEventAsync());
        }

        return events;
    }

    public async ValueTask DisposeAsync()
    {
        if (Socket.State == WebSocketState.Open)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cts.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // The server side is gone already.
            }
        }

        Socket.Dispose();
    }
}
