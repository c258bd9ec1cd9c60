using KadoaBridge.Core.ControlPlane;
using Microsoft.Azure.Functions.Worker;

namespace KadoaBridge.Functions.Ingest;

/// <summary>
/// Daily at 03:17 UTC: removes <c>Dedupe</c> and <c>Status</c> rows past their retention (<c>Retention__*</c>); history
/// is kept. Once a day is enough: what it removes only grows by a day's rows, and a run that stops early (a timeout, a
/// storage failure) leaves the rest to the next.
/// </summary>
public sealed class RetentionFunction(RetentionService retention)
{
    /// <summary>NCRONTAB with seconds, UTC: off the full hour, when other schedules crowd.</summary>
    public const string Schedule = "0 17 3 * * *";

    [Function("Retention")]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        await retention.RunOnceAsync(cancellationToken);
}
