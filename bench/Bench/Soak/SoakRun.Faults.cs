using KadoaBridge.EventGridEmulator;

namespace KadoaBridge.Bench.Soak;

/// <summary>
/// The fault schedule, spread over the run (each at a fraction of the emitting time, one after the other; a fault that
/// takes longer delays the next), and the faults of the stand-ins: Kadoa's drains, abrupt closes, heartbeat stalls and
/// token outage, Event Grid's 503, 429 and timeouts on the ingress topic and on the <c>audit</c> destination.
/// </summary>
public sealed partial class SoakRun
{
    private const string TokenPath = "/v4/oauth2/token";

    /// <summary>Longest wait for a listener to subscribe again after a fault (its reconnect backoff is at most 30 s, plus start-up).</summary>
    private static readonly TimeSpan ResubscribeTimeout = TimeSpan.FromSeconds(90);

    private async Task InjectFaultsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await InjectScheduleAsync(cancellationToken);
        }
        finally
        {
            _faultsDone.TrySetResult();
        }
    }

    private async Task InjectScheduleAsync(CancellationToken cancellationToken)
    {
        // A fault's window: 5 % of the run, from 3 s (a one-minute run) to 30 s (ten minutes).
        var window = TimeSpan.FromSeconds(Math.Clamp(_options.Duration.TotalSeconds * 0.05, 3, 30));
        var start = DateTimeOffset.UtcNow;
        foreach (var (at, fault, inject) in Schedule(window))
        {
            var due = start + (_options.Duration * at);
            if (due > DateTimeOffset.UtcNow)
            {
                await Task.Delay(due - DateTimeOffset.UtcNow, cancellationToken);
            }

            _faults.Add(fault);
            fault.Start = DateTimeOffset.UtcNow;
            Note($"fault {fault.Name} begins: {fault.Description}");
            try
            {
                await inject(fault, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The soak goes on and reports it: a component that could not be restarted shows as losses after it.
                fault.Happened = false;
                fault.Evidence = $"injecting failed: {e.GetType().Name}: {e.Message}";
            }

            if (fault.End == default)
            {
                fault.End = DateTimeOffset.UtcNow;
            }

            Note($"fault {fault.Name} ends after {(fault.End - fault.Start).TotalSeconds:F1} s; happened: {fault.Happened}; {fault.Evidence}");
        }
    }

    private IEnumerable<(double At, SoakFault Fault, Func<SoakFault, CancellationToken, Task> Inject)> Schedule(TimeSpan window)
    {
        var longRun = _options.Duration >= TimeSpan.FromMinutes(5);
        var tokenFailures = longRun ? 5 : 3;

        // A timeout: Event Grid answers nothing for longer than the SDK's 30 s network timeout (a long run), or a
        // gateway timeout after 5 s (a short run, which has no room for 30 s hangs).
        var timeout = longRun
            ? new FaultSpec(503, null, window, TimeSpan.FromSeconds(35))
            : new FaultSpec(504, null, window, TimeSpan.FromSeconds(5));
        var timeoutText = longRun ? "no answer for 35 s (past the SDK's 30 s network timeout), then 503" : "504 after 5 s";
        var seconds = window.TotalSeconds;
        yield return (0.04, new("token-outage", $"POST {TokenPath} answers 503 {tokenFailures} times and every socket is dropped"),
            (fault, ct) => TokenOutageAsync(fault, tokenFailures, ct));
        yield return (0.10, new("kadoa-drain", "control.draining (retryAfterMs 500), sockets closed 2 s later"),
            (fault, ct) => ReconnectAsync(fault, () => Kadoa.DrainAsync(500, TimeSpan.FromSeconds(2), ct), ct));
        yield return (0.16, new("ingress-503", $"ingress topic answers 503 for {seconds:F0} s"),
            (fault, ct) => TopicFaultAsync(fault, IngressTopic, new FaultSpec(503, window), window, ct));
        yield return (0.22, new("listener-kill9", "kill -9 of the listener, restarted at once"), KillListenerAsync);
        yield return (0.28, new("audit-429", $"audit topic answers 429 (Retry-After 1 s) for {seconds:F0} s"),
            (fault, ct) => TopicFaultAsync(fault, SoakRouting.Audit, new FaultSpec(429, window, retryAfter: TimeSpan.FromSeconds(1)), window, ct));
        yield return (0.34, new("kadoa-abrupt-close", "every socket's TCP connection dropped without a close frame"),
            (fault, ct) => ReconnectAsync(fault, () => { Kadoa.AbortAllSockets(); return Task.CompletedTask; }, ct));
        yield return (0.40, new("functions-kill9", "kill -9 of the Functions host, restarted at once on the same port"), KillFunctionsAsync);
        yield return (0.46, new("two-listeners", $"a second listener replica for {seconds:F0} s, then kill -9 of it"),
            (fault, ct) => TwoListenersAsync(fault, window, ct));
        yield return (0.54, new("ingress-timeout", $"ingress topic: {timeoutText}, for {seconds:F0} s"),
            (fault, ct) => TopicFaultAsync(fault, IngressTopic, timeout, window, ct));
        yield return (0.62, new("heartbeat-stall", $"no heartbeats until the listener notices ({HeartbeatTimeout.TotalSeconds:F0} s watchdog) and resubscribes"),
            HeartbeatStallAsync);
        yield return (0.70, new("audit-503", $"audit topic answers 503 for {seconds:F0} s"),
            (fault, ct) => TopicFaultAsync(fault, SoakRouting.Audit, new FaultSpec(503, window), window, ct));
        yield return (0.76, new("audit-timeout", $"audit topic: {timeoutText}, for {seconds:F0} s"),
            (fault, ct) => TopicFaultAsync(fault, SoakRouting.Audit, timeout, window, ct));
        yield return (0.84, new("azurite-restart", "Azurite stopped (SIGTERM), down a few seconds, started again on the same ports with the same data"),
            (fault, ct) => RestartAzuriteAsync(fault, window, ct));
    }

    /// <summary>A fault that makes the listener reconnect; it happened when the listener subscribed again.</summary>
    private async Task ReconnectAsync(SoakFault fault, Func<Task> inject, CancellationToken cancellationToken)
    {
        var before = Kadoa.Subscriptions.Count;
        await inject();
        var resubscribed = await WaitUntilAsync(() => Kadoa.Subscriptions.Count > before, ResubscribeTimeout, cancellationToken);
        fault.End = DateTimeOffset.UtcNow;
        fault.Happened = resubscribed;
        fault.Evidence = resubscribed
            ? $"the listener subscribed again after {(fault.End - fault.Start).TotalSeconds:F1} s"
            : $"no new subscription within {ResubscribeTimeout.TotalSeconds:F0} s";
    }

    private async Task TokenOutageAsync(SoakFault fault, int failures, CancellationToken cancellationToken)
    {
        var tokenRequestsBefore = CountTokenRequests();
        Kadoa.FailNextRequests(TokenPath, 503, failures);
        await ReconnectAsync(fault, () => { Kadoa.AbortAllSockets(); return Task.CompletedTask; }, cancellationToken);
        var tokenRequests = CountTokenRequests() - tokenRequestsBefore;
        fault.Happened &= tokenRequests > failures;
        fault.Evidence = $"{tokenRequests} token requests, the first {failures} answered 503; " + fault.Evidence;
    }

    private int CountTokenRequests() => Kadoa.RequestLog.Count(line => line.EndsWith(" " + TokenPath, StringComparison.Ordinal));

    private async Task HeartbeatStallAsync(SoakFault fault, CancellationToken cancellationToken)
    {
        try
        {
            await ReconnectAsync(fault, () => { Kadoa.HeartbeatsPaused = true; return Task.CompletedTask; }, cancellationToken);
        }
        finally
        {
            Kadoa.HeartbeatsPaused = false;
        }
    }

    /// <summary>
    /// Event Grid misbehaves on <paramref name="topic"/> for <paramref name="window"/>. It happened when the topic accepted
    /// nothing inside the window (from 0.5 s after the start: requests already answered may land just after it) and
    /// accepted again after it.
    /// </summary>
    private async Task TopicFaultAsync(SoakFault fault, string topic, FaultSpec spec, TimeSpan window, CancellationToken cancellationToken)
    {
        EventGrid.InjectFault(topic, spec);
        try
        {
            await Task.Delay(window, cancellationToken);
        }
        finally
        {
            EventGrid.ClearFaults(topic);
        }

        fault.End = DateTimeOffset.UtcNow;
        var from = fault.Start + TimeSpan.FromSeconds(0.5);
        var during = EventGrid.GetAccepted(topic).Count(a => a.AcceptedAt > from && a.AcceptedAt < fault.End);
        var resumed = await WaitUntilAsync(() => EventGrid.GetAccepted(topic) is { Count: > 0 } all && all[^1].AcceptedAt > fault.End, TimeSpan.FromSeconds(90), cancellationToken);
        fault.Happened = during == 0 && resumed;
        fault.Evidence = $"topic {topic} accepted {during} events inside the window; " + (resumed
            ? $"accepted again {(EventGrid.GetAccepted(topic).First(a => a.AcceptedAt > fault.End).AcceptedAt - fault.End).TotalSeconds:F1} s after it"
            : "accepted nothing in the 90 s after it");
    }
}
