using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace KadoaBridge.KadoaSimulator;

public sealed partial class KadoaSimulator
{
    private readonly Lock _failuresGate = new();
    private readonly List<FailureRule> _failures = [];
    private volatile string _apiKeyAccepted;

    /// <summary>The only <c>x-api-key</c> accepted from now on (set it to simulate a revoked key). Starts as <see cref="KadoaSimulatorOptions.ApiKey"/>.</summary>
    public string ApiKeyAccepted
    {
        get => _apiKeyAccepted;
        set
        {
            ArgumentException.ThrowIfNullOrEmpty(value);
            _apiKeyAccepted = value;
        }
    }

    /// <summary>
    /// The next <paramref name="count"/> HTTP requests whose path starts with <paramref name="pathPrefix"/> (ordinal,
    /// e.g. <c>/v4/oauth2/token</c> or <c>/realtime</c> for socket upgrades) answer <paramref name="statusCode"/>
    /// with a Kadoa error body, before authentication. Rules are consumed in the order they were added.
    /// </summary>
    /// <param name="retryAfter">When set, the answers carry <c>Retry-After</c> in whole seconds (a 429 or 503 that says when to come back).</param>
    public void FailNextRequests(string pathPrefix, int statusCode, int count, TimeSpan? retryAfter = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathPrefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_failuresGate)
        {
            _failures.Add(new FailureRule(pathPrefix, statusCode, count) { RetryAfter = retryAfter });
        }
    }

    /// <summary>
    /// The next <paramref name="count"/> HTTP requests whose path starts with <paramref name="pathPrefix"/> answer
    /// exactly <paramref name="statusCode"/> with <paramref name="body"/> as <paramref name="contentType"/>, before
    /// authentication: a proxy's HTML page, an empty or truncated JSON answer. Queued behind earlier rules.
    /// </summary>
    public void AnswerNextRequests(string pathPrefix, int statusCode, string contentType, string body, int count)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathPrefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_failuresGate)
        {
            _failures.Add(new FailureRule(pathPrefix, statusCode, count) { ContentType = contentType, Body = body });
        }
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(KadoaSimulator).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.Logging.ClearProviders();
        _options.ConfigureLogging?.Invoke(builder.Logging);

        // Request logs would contain ?access_token=... of socket URLs: keep ASP.NET Core's categories quiet.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddSingleton<IHostLifetime, NoopHostLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, _options.Port);
            kestrel.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
        });

        var app = builder.Build();
        _app = app;
        _logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("KadoaBridge.KadoaSimulator");
        app.Use(RequestGateAsync);

        // Kadoa keeps sockets alive with its own heartbeat frames; no protocol-level pings, so a paused
        // heartbeat really is silence on the wire.
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
        MapEndpoints(app);

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        ApiBaseUrl = new Uri($"http://127.0.0.1:{port}");
        RealtimeUrl = new Uri($"ws://127.0.0.1:{port}/realtime");
        RealtimeHttpUrl = new Uri($"http://127.0.0.1:{port}/realtime");
        _heartbeatLoop = RunHeartbeatsAsync(_stopping.Token);
        SimulatorLog.SimulatorStarted(_logger, port, _options.TeamId);
    }

    private void MapEndpoints(WebApplication app)
    {
        app.MapPost("/v4/oauth2/token", HandleTokenAsync);
        app.Map("/realtime", HandleRealtimeAsync);
        app.MapPost("/realtime/api/v1/events/ack", HandleAckAsync);

        app.MapGet("/v5/notifications/channels", HandleListChannelsAsync);
        app.MapPost("/v5/notifications/channels", HandleCreateChannelAsync);
        app.MapGet("/v5/notifications/channels/{id}", HandleGetChannelAsync);
        app.MapPut("/v5/notifications/channels/{id}", HandleUpdateChannelAsync);
        app.MapDelete("/v5/notifications/channels/{id}", HandleDeleteChannelAsync);

        app.MapGet("/v5/notifications/settings", HandleListSettingsAsync);
        app.MapPost("/v5/notifications/settings", HandleCreateSettingAsync);
        app.MapGet("/v5/notifications/settings/{id}", HandleGetSettingAsync);
        app.MapPut("/v5/notifications/settings/{id}", HandleUpdateSettingAsync);
        app.MapDelete("/v5/notifications/settings/{id}", HandleDeleteSettingAsync);

        app.MapGet("/v5/notifications/event-types", HandleListEventTypesAsync);
        app.MapGet("/v5/notifications/event-types/{eventType}", HandleGetEventTypeAsync);
        app.MapPost("/v5/notifications/test", HandleTestNotificationAsync);

        app.MapGet("/v5/changes", HandleListChangesAsync);
        app.MapGet("/v5/changes/{id}", HandleGetChangeAsync);

        app.MapFallback(context => HttpJson.ErrorAsync(context, StatusCodes.Status404NotFound, "Not found"));
    }

    private async Task RequestGateAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? "/";
        _requestLog.Enqueue((context.Request.Method + " " + path, _time.GetUtcNow()));
        if (TryTakeFailure(path, out var rule))
        {
            SimulatorLog.SimulatedFailure(_logger, context.Request.Method, path, rule.StatusCode);
            if (rule.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (rule.Body is { } body)
            {
                context.Response.StatusCode = rule.StatusCode;
                context.Response.ContentType = rule.ContentType;
                await context.Response.WriteAsync(body, context.RequestAborted);
                return;
            }

            await HttpJson.ErrorAsync(context, rule.StatusCode, ReasonPhrases.GetReasonPhrase(rule.StatusCode) + " (simulated)");
            return;
        }

        await next(context);
    }

    private bool TryTakeFailure(string path, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out FailureRule? taken)
    {
        lock (_failuresGate)
        {
            foreach (var rule in _failures)
            {
                if (rule.Remaining > 0 && path.StartsWith(rule.PathPrefix, StringComparison.Ordinal))
                {
                    rule.Remaining--;
                    taken = rule;
                    if (rule.Remaining == 0)
                    {
                        _failures.Remove(rule);
                    }

                    return true;
                }
            }
        }

        taken = null;
        return false;
    }

    /// <summary>Checks <c>x-api-key</c>; answers 401 with Kadoa's error body when it is missing or wrong.</summary>
    private async Task<bool> AuthorizeAsync(HttpContext context)
    {
        var presented = context.Request.Headers["x-api-key"].ToString();
        var expected = _apiKeyAccepted;
        if (presented.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected)))
        {
            return true;
        }

        await HttpJson.ErrorAsync(context, StatusCodes.Status401Unauthorized, "Invalid API key");
        return false;
    }

    private sealed class FailureRule(string pathPrefix, int statusCode, int remaining)
    {
        public string PathPrefix { get; } = pathPrefix;

        public int StatusCode { get; } = statusCode;

        public int Remaining { get; set; } = remaining;

        /// <summary>An exact answer instead of Kadoa's error body; null for the error body.</summary>
        public string? Body { get; init; }

        public string ContentType { get; init; } = "application/json";

        public TimeSpan? RetryAfter { get; init; }
    }
}
