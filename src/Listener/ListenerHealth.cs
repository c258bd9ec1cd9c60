using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.Kadoa;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Listener;

/// <summary>
/// <c>GET /healthz</c> (liveness): fails when the receiver or the forwarding pipeline stopped, or the receiver made no
/// progress for <see cref="KadoaOptions.LivenessTimeout"/> past when it was due (a deliberate pause is progress): a
/// restart can help then. <c>GET /readyz</c>: connected, heartbeat fresh, storage reachable, Event Grid not refusing every event.
/// </summary>
public static class ListenerHealth
{
    private const string LiveTag = "live";
    private const string ReadyTag = "ready";

    public static TBuilder AddListenerHealth<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck<LivenessCheck>("receiver", tags: [LiveTag])
            .AddCheck<ReadinessCheck>("realtime", tags: [ReadyTag]);
        return builder;
    }

    public static WebApplication MapListenerHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return app;
    }

    internal sealed class LivenessCheck(ListenerState state, IOptions<KadoaOptions> options, TimeProvider time) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var overdue = state.ProgressDueAt is { } due ? time.GetUtcNow() - due : TimeSpan.Zero;
            var data = new Dictionary<string, object> { ["state"] = state.State.ToString(), ["overdueSeconds"] = Math.Max(0, overdue.TotalSeconds) };
            var result = state.StoppedBecause is { } reason ? HealthCheckResult.Unhealthy(reason, data: data)
                : state.State == ConnectionState.Paused ? HealthCheckResult.Healthy("paused until forwarding catches up", data)
                : overdue > options.Value.LivenessTimeout ? HealthCheckResult.Unhealthy($"no progress for {overdue:g} past due", data: data)
                : HealthCheckResult.Healthy("receiving", data);
            return Task.FromResult(result);
        }
    }

    private sealed class ReadinessCheck(ListenerState state, IOptions<KadoaOptions> options, TimeProvider time) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var heartbeatAge = state.LastHeartbeatAt is { } at ? time.GetUtcNow() - at : (TimeSpan?)null;
            var data = new Dictionary<string, object>
            {
                ["state"] = state.State.ToString(),
                ["heartbeatAgeSeconds"] = heartbeatAge?.TotalSeconds ?? -1,
                ["storageReachable"] = state.StorageReachable,
            };
            var rejection = state.IngressRejection;
            if (rejection is not null)
            {
                data["ingressRejection"] = rejection;
            }

            var result = state.State != ConnectionState.Connected ? HealthCheckResult.Unhealthy($"not connected: {state.State}", data: data)
                : heartbeatAge is null || heartbeatAge > options.Value.HeartbeatTimeout ? HealthCheckResult.Unhealthy("heartbeat is stale", data: data)
                : !state.StorageReachable ? HealthCheckResult.Unhealthy("storage is unreachable", data: data)
                : rejection is not null ? HealthCheckResult.Unhealthy(rejection, data: data)
                : HealthCheckResult.Healthy("connected", data);
            return Task.FromResult(result);
        }
    }
}
