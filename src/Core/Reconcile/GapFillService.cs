using KadoaBridge.Core.Contract;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.Kadoa.Provisioning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Reconcile;

/// <summary>
/// The gap-fill: when <see cref="ReconcileOptions.Interval"/> has passed since the last run (or a workflow was just set
/// up), asks Kadoa for each workflow's changes since its watermark minus <see cref="ReconcileOptions.Overlap"/> and
/// sends those history lacks into ingest. The watermark moves only when a workflow's whole range is done, so a run
/// that stops (Kadoa down, the instance recycled) is repeated, never skipped. Workflows: those <c>/api/setup</c>
/// subscribed to <c>workflow_data_change</c>, and any with a watermark.
/// </summary>
public sealed partial class GapFillService(
    ChangeReconciler reconciler,
    ReconcileStore store,
    ProvisioningRecordStore provisioning,
    ReconcileMetrics metrics,
    IOptions<ReconcileOptions> options,
    TimeProvider time,
    ILogger<GapFillService> logger)
{
    private readonly string _holder = "gapfill-" + Guid.NewGuid().ToString("N");

    /// <summary>Runs the gap-fill when due; returns the run, or null when nothing was due (or the timer is off).</summary>
    public async Task<GapFillRun?> RunIfDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var last = await store.ReadLastRunAsync(cancellationToken);
        var watermarks = (await store.ReadWatermarksAsync(cancellationToken)).ToDictionary(w => w.WorkflowId, StringComparer.Ordinal);
        var intervalDue = last is null || now - last.StartedAt >= settings.Interval;
        List<string> workflows = intervalDue
            ? [.. (await SetUpWorkflows.ReadAsync(provisioning, cancellationToken)).Union(watermarks.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal)]
            : [.. watermarks.Values.Where(w => w.Due).Select(w => w.WorkflowId).Order(StringComparer.Ordinal)];
        if (workflows.Count == 0)
        {
            return null;
        }

        var total = default(ReconcileTally);
        DateTimeOffset? earliest = null;
        string? error = null;
        foreach (var workflowId in workflows)
        {
            var from = (watermarks.TryGetValue(workflowId, out var mark) ? mark.At : now - settings.Interval) - settings.Overlap;
            earliest = earliest is { } e && e < from ? e : from;
            try
            {
                if (await ReconcileWorkflowAsync(workflowId, from, now, cancellationToken) is { } tally)
                {
                    total += tally;
                }
            }
            catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // One workflow's failure (Kadoa refusing it, storage) does not stop the others; its watermark stays.
                error ??= $"{workflowId}: {Failures.Describe(failure)}";
                Log.GapFillFailed(logger, workflowId, failure);
            }
        }

        var run = new GapFillRun(now, time.GetUtcNow(), earliest, now, workflows.Count, total.Found, total.Missing, error);
        await store.WriteLastRunAsync(run, cancellationToken);
        metrics.OnGapFill(total.Missing);
        Log.GapFillFinished(logger, workflows.Count, total.Found, total.Missing);
        return run;
    }

    /// <summary>
    /// After <c>/api/setup</c>: each workflow it subscribed to <c>workflow_data_change</c> is reconciled at the next tick
    /// from now minus <see cref="ReconcileOptions.Overlap"/>, so what Kadoa records before the listener's first
    /// connection (a brand-new installation) still arrives, within a minute.
    /// </summary>
    public async Task MarkSetUpAsync(SetupResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var from = time.GetUtcNow() - options.Value.Overlap;
        var workflows = result.Created.Concat(result.Updated).Concat(result.Unchanged)
            .Where(s => s.WorkflowId is not null && s.EventType == KadoaEventTypes.DataChange)
            .Select(s => s.WorkflowId!)
            .Distinct(StringComparer.Ordinal);
        foreach (var workflowId in workflows)
        {
            await store.MarkDueAsync(workflowId, from, cancellationToken);
        }
    }

    /// <summary>One workflow's range, under its lease; null when another reconciliation holds the workflow.</summary>
    private async Task<ReconcileTally?> ReconcileWorkflowAsync(string workflowId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var lease = TimeSpan.FromMinutes(5);
        if (!await store.TryLeaseAsync(workflowId, _holder, time.GetUtcNow(), time.GetUtcNow() + lease, cancellationToken))
        {
            Log.ReconcileBusy(logger, workflowId);
            return null; // stays due: the next tick tries again
        }

        try
        {
            var tally = default(ReconcileTally);
            for (int? skip = 0; skip is { } at;)
            {
                var page = await reconciler.ReconcilePageAsync(workflowId, from, to, at, cancellationToken);
                tally += page.Tally;
                skip = page.Next;
                await store.TryLeaseAsync(workflowId, _holder, time.GetUtcNow(), time.GetUtcNow() + lease, cancellationToken);
            }

            await store.AdvanceAsync(workflowId, to, cancellationToken);
            return tally;
        }
        finally
        {
            await store.ReleaseAsync(workflowId, _holder, CancellationToken.None);
        }
    }

}
