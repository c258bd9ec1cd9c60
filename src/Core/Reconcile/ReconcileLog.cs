using Microsoft.Extensions.Logging;

namespace KadoaBridge.Core.Reconcile;

/// <summary>
/// Reconciliation log messages, event ids 900–999 of KadoaBridge.Core's range (the ranges of every assembly:
/// <see cref="Core.Log"/>). Never a key; failures carry their exception.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(900, LogLevel.Information, "Gap-fill over {Workflows} workflows: Kadoa listed {Found} changes, {Missing} of them missing from history and sent to ingest")]
    public static partial void GapFillFinished(ILogger logger, int workflows, int found, int missing);

    [LoggerMessage(901, LogLevel.Warning, "Gap-fill of workflow {WorkflowId} failed; its watermark stays and the next run repeats it")]
    public static partial void GapFillFailed(ILogger logger, string workflowId, Exception exception);

    [LoggerMessage(902, LogLevel.Information, "Workflow {WorkflowId} is being reconciled elsewhere; trying again later")]
    public static partial void ReconcileBusy(ILogger logger, string workflowId);

    [LoggerMessage(903, LogLevel.Information, "Backfill {JobId} started: {Workflows} workflows from {From} to {To}")]
    public static partial void BackfillStarted(ILogger logger, string jobId, int workflows, DateTimeOffset from, DateTimeOffset to);

    [LoggerMessage(904, LogLevel.Information, "Backfill {JobId} completed: Kadoa listed {Found} changes, {Missing} missing from history and sent to ingest")]
    public static partial void BackfillCompleted(ILogger logger, string jobId, int found, int missing);

    [LoggerMessage(905, LogLevel.Error, "Backfill {JobId} failed on every attempt of a work item; the job is marked failed")]
    public static partial void BackfillFailed(ILogger logger, string jobId, Exception exception);

    [LoggerMessage(906, LogLevel.Warning, "A backfill work item could not be read ({Length} bytes); dropped")]
    public static partial void BackfillItemUnreadable(ILogger logger, int length);

    [LoggerMessage(907, LogLevel.Information, "Change {Id} arrived before Kadoa stored its data (dataPending); asking Kadoa for it for up to {Timeout}")]
    public static partial void EnrichmentDeferred(ILogger logger, string id, TimeSpan timeout);

    [LoggerMessage(908, LogLevel.Information, "Change {Id} completed with Kadoa's data after {Attempts} attempts")]
    public static partial void EnrichmentCompleted(ILogger logger, string id, int attempts);

    [LoggerMessage(909, LogLevel.Warning, "Kadoa did not store the data of change {Id} in time ({Attempts} attempts); delivered with dataPending: true")]
    public static partial void EnrichmentTimedOut(ILogger logger, string id, int attempts);
}
