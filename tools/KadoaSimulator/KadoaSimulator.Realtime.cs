using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KadoaBridge.KadoaSimulator;

public sealed partial class KadoaSimulator
{
    private readonly ConcurrentDictionary<string, byte> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _issuedTokens = new();
    private int _tokensIssued;
    private int _tokenRequestsRejected;
    private int _socketCounter;

    /// <summary>Access tokens handed out by <c>POST /v4/oauth2/token</c>.</summary>
    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    /// <summary>Every access token handed out, so tests can check that none reaches a log.</summary>
    public IReadOnlyList<string> IssuedTokens => [.. _issuedTokens];

    /// <summary>Token requests answered 401 because the API key was missing or wrong.</summary>
    public int TokenRequestsRejected => Volatile.Read(ref _tokenRequestsRejected);

    private async Task HandleTokenAsync(HttpContext context)
    {
        if (!await AuthorizeAsync(context))
        {
            Interlocked.Increment(ref _tokenRequestsRejected);
            SimulatorLog.TokenRejected(_logger);
            return;
        }

        // Single use: the socket upgrade consumes it.
        var token = "sim-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        _tokens[token] = 0;
        _issuedTokens.Enqueue(token);
        Interlocked.Increment(ref _tokensIssued);
        await HttpJson.WriteAsync(context, StatusCodes.Status200OK, new JsonObject { ["access_token"] = token, ["team_id"] = _options.TeamId });
    }

    private async Task HandleRealtimeAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await HttpJson.ErrorAsync(context, StatusCodes.Status400BadRequest, "WebSocket upgrade required");
            return;
        }

        var token = context.Request.Query["access_token"].ToString();
        if (token.Length == 0 || !_tokens.TryRemove(token, out _))
        {
            SimulatorLog.SocketRejected(_logger);
            await HttpJson.ErrorAsync(context, StatusCodes.Status401Unauthorized, "Invalid or expired access token");
            return;
        }

        using var webSocket = await context.WebSockets.AcceptWebSocketAsync();
        using var socket = new SimulatorSocket(
            Interlocked.Increment(ref _socketCounter), webSocket, context, _options.CloseHandshakeTimeout, _stopping.Token);
        lock (_gate)
        {
            _sockets.Add(socket);
        }

        SignalChanged();
        SimulatorLog.SocketOpened(_logger, socket.Number);
        try
        {
            await socket.RunAsync(OnClientText);
        }
        finally
        {
            lock (_gate)
            {
                _sockets.Remove(socket);
                _subscribers.Remove(socket);
            }

            SignalChanged();
            SimulatorLog.SocketFinished(_logger, socket.Number, webSocket.State);
        }
    }

    private void OnClientText(SimulatorSocket socket, ReadOnlyMemory<byte> text)
    {
        JsonObject? frame;
        try
        {
            frame = JsonNode.Parse(text.Span) as JsonObject;
        }
        catch (JsonException)
        {
            frame = null;
        }

        if (frame is null || HttpJson.GetString(frame, "action") != "subscribe")
        {
            SimulatorLog.ClientFrameIgnored(_logger, socket.Number);
            return;
        }

        var channel = HttpJson.GetString(frame, "channel") ?? string.Empty;
        var lastCursor = HttpJson.GetString(frame, "lastCursor");
        var replayed = 0;
        lock (_gate)
        {
            _subscriptions.Add(new SubscribeRecord(socket.Number, channel, lastCursor, _time.GetUtcNow()));
            if (!string.Equals(channel, _options.TeamId, StringComparison.Ordinal))
            {
                socket.RequestClose(WebSocketCloseStatus.PolicyViolation, "Unknown channel");
            }
            else if (!socket.IsSubscribed && !socket.IsClosing)
            {
                // Under the emit lock: everything logged before this point is replayed, everything after is live,
                // so the socket sees each event once and in log order.
                if (lastCursor is not null && TryParseCursor(lastCursor, out var after))
                {
                    // A bounded backlog replays only the latest events: older ones since the cursor are lost to this socket.
                    var oldestKept = _options.RealtimeBacklog is { } backlog ? Math.Max(0, _log.Count - backlog) : 0;
                    for (var i = (int)Math.Max(Math.Min(after, _log.Count), oldestKept); i < _log.Count; i++)
                    {
                        socket.Enqueue(OutboundFrame.Text(_log[i].Frame, _log[i]));
                        replayed++;
                    }
                }

                socket.IsSubscribed = true;
                _subscribers.Add(socket);
            }
        }

        SimulatorLog.Subscribed(_logger, socket.Number, channel, lastCursor, replayed);
        SignalChanged();
    }

    private async Task HandleAckAsync(HttpContext context)
    {
        var body = await HttpJson.ReadObjectAsync(context);
        var id = body is null ? null : HttpJson.GetString(body, "id");
        if (string.IsNullOrEmpty(id))
        {
            await HttpJson.ErrorAsync(context, StatusCodes.Status400BadRequest, "Body must be a JSON object {\"id\":\"<event id>\"}");
            return;
        }

        _acks.AddOrUpdate(id, 1, static (_, count) => count + 1);
        SignalChanged();
        await HttpJson.WriteAsync(context, StatusCodes.Status200OK, new JsonObject { ["success"] = true });
    }
}
