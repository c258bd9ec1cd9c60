using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using KadoaBridge.Bench.Sides;

namespace KadoaBridge.Bench.Relay;

/// <summary>
/// The reference the listener's figures are reported against (<c>side relay</c>): a deliberately minimal Kadoa →
/// Event Grid relay, about what 300 lines of Node do. Token (<c>POST /v4/oauth2/token</c>), one WebSocket, subscribe;
/// frames are read on one loop, published in batches on another (up to 500 events, or what is there), the last cursor
/// is written to a file, then each event is acknowledged. No claim-check, no reconnect, no dedupe, one retry of a
/// publish, no telemetry: what it leaves out is what the listener pays for.
/// </summary>
public sealed partial class MinimalRelay(RelaySettings settings) : IDisposable
{
    private readonly HttpClient _http = new();
    private readonly ClientWebSocket _socket = new();
    private readonly Channel<RelayFrame> _frames = Channel.CreateUnbounded<RelayFrame>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly Channel<string> _acks = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleWriter = true });

    /// <summary>The side mode: connect, print the ready line once subscribed, relay until stdin ends. Exit 1 when the relay fails.</summary>
    public static async Task<int> RunSideAsync(CancellationToken cancellationToken)
    {
        using var relay = new MinimalRelay(RelaySettings.FromEnvironment());
        await relay.ConnectAsync(cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = relay.RunAsync(stop.Token);
        var serving = SideHost.ServeAsync(
            new JsonObject { ["subscribed"] = true },
            (_, _) => Task.FromException<string>(new ArgumentException("The relay takes no commands.")),
            stop.Token);
        if (await Task.WhenAny(running, serving) == running)
        {
            await running; // it never ends by itself: a failure is rethrown (the process exits 1 with its stack trace)
            return 1;
        }

        await stop.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
            // Stopped by the end of stdin.
        }

        return 0;
    }

    public void Dispose()
    {
        _socket.Dispose();
        _http.Dispose();
    }

    /// <summary>Token, socket, subscribe (with the cursor of the file when there is one).</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.ApiBaseUrl, "v4/oauth2/token"));
        request.Headers.Add("x-api-key", settings.ApiKey);
        using var response = await _http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var token = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))
            ?? throw new InvalidOperationException("The token answer was empty.");
        var accessToken = token["access_token"]?.GetValue<string>() ?? throw new InvalidOperationException("The token answer has no access_token.");
        var subscribe = new JsonObject { ["action"] = "subscribe", ["channel"] = token["team_id"]?.GetValue<string>() };
        if (File.Exists(settings.CursorFile) && (await File.ReadAllTextAsync(settings.CursorFile, cancellationToken)).Trim() is { Length: > 0 } cursor)
        {
            subscribe["lastCursor"] = cursor;
        }

        await _socket.ConnectAsync(new Uri(settings.RealtimeUrl.AbsoluteUri + "?access_token=" + Uri.EscapeDataString(accessToken)), cancellationToken);
        await _socket.SendAsync(Encoding.UTF8.GetBytes(subscribe.ToJsonString()), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
    }

    /// <summary>Receives, publishes and acknowledges until cancelled or the socket closes; one loop failing stops the others.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAll(
            RunLoopAsync(ReceiveAsync, stop),
            RunLoopAsync(PublishAsync, stop),
            RunLoopAsync(AcknowledgeAsync, stop));
    }

    private static async Task RunLoopAsync(Func<CancellationToken, Task> loop, CancellationTokenSource stop)
    {
        try
        {
            await loop(stop.Token);
        }
        catch (Exception) when (!stop.IsCancellationRequested)
        {
            await stop.CancelAsync();
            throw;
        }
    }

    private async Task ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        try
        {
            while (true)
            {
                buffer.ResetWrittenCount();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.GetMemory(64 * 1024), cancellationToken);
                    buffer.Advance(result.Count);
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return; // the server closed the socket: a minimal relay does not reconnect
                }

                if (RelayFrame.Read(buffer.WrittenSpan) is { } frame)
                {
                    _frames.Writer.TryWrite(frame);
                }
            }
        }
        finally
        {
            _frames.Writer.TryComplete();
        }
    }
}
