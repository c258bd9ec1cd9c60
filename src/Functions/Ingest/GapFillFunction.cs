using KadoaBridge.Core.Reconcile;
using Microsoft.Azure.Functions.Worker;

namespace KadoaBridge.Functions.Ingest;

/// <summary>
/// The gap-fill timer: ticks every minute and runs when <c>Reconcile__Interval</c> has passed since the last run, or
/// when a workflow was just set up (so changes recorded before the listener's first connection arrive within a minute).
/// A minute tick rather than a schedule of the interval itself: Flex Consumption takes only CRON schedules, and the
/// interval stays a plain setting. A tick that finds nothing due reads two table partitions and stops.
/// </summary>
public sealed class GapFillFunction(GapFillService gapFill)
{
    [Function("GapFill")]
    public async Task RunAsync([TimerTrigger("0 * * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        await gapFill.RunIfDueAsync(cancellationToken);
}
