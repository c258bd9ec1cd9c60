namespace KadoaBridge.Bench.EndToEnd;

/// <summary>Sizes of <c>bench -- e2e</c> (<see cref="EndToEndCommand"/>); the defaults are the figures' arrangement (issue #13 item 3).</summary>
/// <param name="Phases">Phases in run order (<c>--phases idle,steady</c>). Default both.</param>
/// <param name="IdleChanges">Changes of the idle phase (<c>--idle-changes</c>). Default 12.</param>
/// <param name="IdleInterval">Time between them (<c>--idle-interval</c>, seconds). Default 10 s.</param>
/// <param name="Rate">Changes per second of the steady phase (<c>--rate</c>). Default 500.</param>
/// <param name="RateSeconds">Its length (<c>--rate-seconds</c>). Default 20 s.</param>
/// <param name="WarmUpEvents">A burst of changes before the phases, not measured (<c>--warm-up</c>). Default 500.</param>
/// <param name="WarmUpSeconds">Then the steady rate for this long (<c>--warm-up-seconds</c>; 0: none), until the runtime's
/// compilation has settled, reported as the cold-start figure. Default 20 s.</param>
public sealed record EndToEndOptions(IReadOnlyList<string> Phases, int IdleChanges, TimeSpan IdleInterval, int Rate, int RateSeconds, int WarmUpEvents, int WarmUpSeconds)
{
    public static EndToEndOptions Defaults { get; } = new(
        ["idle", "steady"], IdleChanges: 12, IdleInterval: TimeSpan.FromSeconds(10), Rate: 500, RateSeconds: 20, WarmUpEvents: 500, WarmUpSeconds: 20);
}
