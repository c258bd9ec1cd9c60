namespace KadoaBridge.Bench.EndToEnd;

/// <summary>Sizes of <c>bench -- e2e</c> (<see cref="EndToEndCommand"/>); the defaults are the figures' arrangement (issue #13 item 3).</summary>
/// <param name="Phases">Phases in run order (<c>--phases idle,steady</c>). Default both.</param>
/// <param name="IdleChanges">Changes of the idle phase (<c>--idle-changes</c>). Default 12.</param>
/// <param name="IdleInterval">Time between them (<c>--idle-interval</c>, seconds). Default 10 s.</param>
/// <param name="Rate">Changes per second of the steady phase (<c>--rate</c>). Default 500.</param>
/// <param name="RateSeconds">Its length (<c>--rate-seconds</c>). Default 20 s.</param>
/// <param name="WarmUpEvents">A burst of changes before the phases, not measured (<c>--warm-up</c>). Default 500.</param>
/// <param name="WarmUpRate">Then this many changes a second (<c>--warm-up-rate</c>) until the runtime's compilation has
/// settled, reported as the cold-start figure. Default 250: at the steady phase's 500 a cold pipeline on this machine falls
/// behind (compilation takes CPU), and Azurite's queue then slows with its length until it never catches up (every receive
/// sorts the visible messages and every delete scans them, in Azurite 3.37).</param>
/// <param name="WarmUpSeconds">For this long (<c>--warm-up-seconds</c>; 0: none). Default 20 s.</param>
public sealed record EndToEndOptions(
    IReadOnlyList<string> Phases, int IdleChanges, TimeSpan IdleInterval, int Rate, int RateSeconds, int WarmUpEvents, int WarmUpRate, int WarmUpSeconds)
{
    public static EndToEndOptions Defaults { get; } = new(
        ["idle", "steady"], IdleChanges: 12, IdleInterval: TimeSpan.FromSeconds(10), Rate: 500, RateSeconds: 20, WarmUpEvents: 500, WarmUpRate: 250, WarmUpSeconds: 20);
}
