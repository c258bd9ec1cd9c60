using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using NCrontab;

namespace KadoaBridge.LocalRun.FunctionsHost;

/// <summary>
/// Runs one timer-triggered function on its schedule, as the Functions host does: NCRONTAB with seconds
/// (<c>0 */1 * * * *</c> = every minute, in UTC) or a <c>hh:mm:ss</c> interval; once at start too when
/// <c>RunOnStartup</c>. A failed run is logged and the next one comes on schedule.
/// </summary>
internal sealed class TimerTriggerService(TimerFunction function, IServiceProvider services, TimeProvider time, ILogger<TimerTriggerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var next = Parse(function.Schedule);
        DateTime? last = null;
        try
        {
            if (function.RunOnStartup)
            {
                last = await RunAsync(last, next, stoppingToken);
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                var now = time.GetUtcNow().UtcDateTime;
                var due = next(now);
                await Task.Delay(due - now, time, stoppingToken);
                last = await RunAsync(last, next, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>When the schedule fires next after a given UTC time.</summary>
    public static Func<DateTime, DateTime> Parse(string schedule)
    {
        if (!schedule.Contains(' ', StringComparison.Ordinal) && TimeSpan.TryParse(schedule, CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero)
        {
            return after => after + interval;
        }

        var cron = CrontabSchedule.Parse(schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = schedule.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 });
        return cron.GetNextOccurrence;
    }

    private async Task<DateTime> RunAsync(DateTime? last, Func<DateTime, DateTime> next, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var info = new TimerInfo
        {
            IsPastDue = false,
            ScheduleStatus = new ScheduleStatus { Last = last ?? default, Next = next(now), LastUpdated = now },
        };
        try
        {
            await using var scope = services.CreateAsyncScope();
            await function.Invoker.InvokeAsync(scope.ServiceProvider, new TimerInvocation(info, cancellationToken), cancellationToken);
            Log.TimerRan(logger, function.Name);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.TimerFailed(logger, function.Name, e);
        }

        return now;
    }
}
