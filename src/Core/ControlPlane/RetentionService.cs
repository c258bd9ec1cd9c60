using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.ControlPlane;

/// <summary>
/// Removes rows past their retention (<see cref="RetentionOptions"/>): from table <c>Status</c> the rows of listener
/// replicas that stopped reporting, old ingest failures and finished background replays; from table <c>Dedupe</c> the
/// claims of events long done (<see cref="DedupeStore.PurgeAsync"/>). History (table <c>Changes</c>) is never trimmed.
/// Each table is tried on its own: a failure is logged with its exception and the other table still runs; whatever
/// was removed stays removed, so the next run goes on from there.
/// </summary>
public sealed class RetentionService(
    DedupeStore dedupe,
    IngestFailureStore failures,
    ListenerStatusStore listeners,
    ReplayJobStore replays,
    IOptions<RetentionOptions> options,
    IngestMetrics metrics,
    TimeProvider time,
    ILogger<RetentionService> logger)
{
    public async Task<RetentionResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var statusBefore = now - options.Value.Status;
        var status = await PurgeAsync(
            TableNames.Status,
            statusBefore,
            async token => await listeners.PurgeAsync(statusBefore, token) + await failures.PurgeAsync(statusBefore, token) + await replays.PurgeAsync(statusBefore, token),
            cancellationToken);
        var dedupeBefore = now - options.Value.Dedupe;
        var deduped = await PurgeAsync(TableNames.Dedupe, dedupeBefore, token => dedupe.PurgeAsync(dedupeBefore, token), cancellationToken);
        return new RetentionResult(deduped, status);
    }

    private async Task<int?> PurgeAsync(string table, DateTimeOffset before, Func<CancellationToken, Task<int>> purge, CancellationToken cancellationToken)
    {
        try
        {
            var deleted = await purge(cancellationToken);
            metrics.OnRetentionDeleted(table, deleted);
            Log.RetentionDeleted(logger, deleted, table, before);
            return deleted;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.RetentionFailed(logger, table, e);
            return null;
        }
    }
}
