using System.Text.Json;
using KadoaBridge.Core.Diagnostics;

namespace KadoaBridge.Core.ControlPlane;

/// <summary>The background half: one work item republishes one page and enqueues the next.</summary>
public sealed partial class ReplayService
{
    /// <summary>
    /// Handles one message of queue <c>replay</c>: republishes the job's next page, advances the job (ETag-guarded) and
    /// enqueues the following page. A stale or repeated message changes nothing; a message that cannot be read is
    /// dropped (logged), since retrying cannot help. Storage failures throw, so the queue retries the message.
    /// Returns the job as it stands after the step, or null when the message named no job.
    /// </summary>
    public async Task<ReplayJob?> ProcessAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        if (!TryReadWorkItem(message, out var item))
        {
            Log.ReplayItemUnreadable(logger, message.Length);
            return null;
        }

        var cursor = await jobs.GetAsync(item.JobId, cancellationToken);
        if (cursor is null || cursor.Job.State != ReplayState.Running)
        {
            Log.ReplayItemIgnored(logger, item.JobId, item.Page, cursor is null ? "no such job" : "the job is " + cursor.Job.State);
            return cursor?.Job;
        }

        if (item.Page == cursor.NextPage - 1 && !cursor.NextEnqueued)
        {
            // This page was republished but the process stopped before the next work item was queued: queue it now.
            await EnqueueAsync(item.JobId, cursor.NextPage, cancellationToken);
            return cursor.Job;
        }

        if (item.Page != cursor.NextPage)
        {
            Log.ReplayItemIgnored(logger, item.JobId, item.Page, $"the job is at page {cursor.NextPage}");
            return cursor.Job;
        }

        return await AdvanceAsync(cursor, cancellationToken);
    }

    /// <summary>
    /// Ends a job as failed (its work item failed every attempt): the job keeps <see cref="Failures.Describe"/> of
    /// <paramref name="failure"/> as its last error, the log record the exception.
    /// </summary>
    public async Task MarkFailedAsync(ReadOnlyMemory<byte> message, Exception failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (TryReadWorkItem(message, out var item))
        {
            await jobs.MarkFailedAsync(item.JobId, Failures.Describe(failure), time.GetUtcNow(), cancellationToken);
            Log.ReplayFailed(logger, item.JobId, failure);
        }
    }

    private async Task<ReplayJob> AdvanceAsync(ReplayCursor cursor, CancellationToken cancellationToken)
    {
        var job = cursor.Job;
        var page = await changes.QueryAsync(Query(job, cursor.ContinuationToken, options.Value.PageSize), time.GetUtcNow(), cancellationToken);
        var tally = await RepublishAsync(page.Items, job, null, cancellationToken);
        var done = page.ContinuationToken is null;
        for (var attempt = 1; ; attempt++)
        {
            var advanced = Advance(cursor, tally, page.ContinuationToken);
            if (await jobs.TryAdvanceAsync(advanced, cancellationToken))
            {
                Log.ReplayPage(logger, job.Id!, advanced.NextPage - 1, tally.Processed, advanced.Job.Processed);
                if (done)
                {
                    Log.ReplayCompleted(logger, job.Id!, advanced.Job.Processed, advanced.Job.Published, advanced.Job.Failed);
                }
                else
                {
                    await EnqueueAsync(job.Id!, advanced.NextPage, cancellationToken);
                }

                return advanced.Job;
            }

            // 412: the row was written since it was read. Only a move past this page means another delivery did the
            // work (and queues the next page); any other write (a late "enqueued" mark) leaves the page to us.
            var current = await jobs.GetAsync(job.Id!, cancellationToken);
            if (current is null || current.Job.State != ReplayState.Running || current.NextPage != cursor.NextPage)
            {
                Log.ReplayItemIgnored(logger, job.Id!, cursor.NextPage, "another delivery of it advanced the job first");
                return current?.Job ?? advanced.Job;
            }

            if (attempt >= ReplayJobStore.MaxConflicts)
            {
                throw new InvalidOperationException($"Replay {job.Id} page {cursor.NextPage}: the job row changed under {attempt} advances in a row; the work item is retried.");
            }

            cursor = current;
        }
    }

    private ReplayCursor Advance(ReplayCursor cursor, Tally tally, string? continuationToken)
    {
        var job = cursor.Job;
        var done = continuationToken is null;
        var now = time.GetUtcNow();
        return new ReplayCursor(
            job with
            {
                State = done ? ReplayState.Completed : ReplayState.Running,
                Processed = job.Processed + tally.Processed,
                Published = job.Published + tally.Published,
                Failed = job.Failed + tally.Failed,
                LastError = tally.LastError ?? job.LastError,
                UpdatedAt = now,
                CompletedAt = done ? now : null,
            },
            cursor.NextPage + 1,
            continuationToken,
            NextEnqueued: done,
            cursor.ETag);
    }

    private static bool TryReadWorkItem(ReadOnlyMemory<byte> message, out ReplayWorkItem item)
    {
        item = null!;
        try
        {
            if (JsonSerializer.Deserialize(message.Span, ControlPlaneJsonContext.Default.ReplayWorkItem) is { JobId.Length: > 0 and <= 64, Page: >= 0 } read)
            {
                item = read;
                return true;
            }
        }
        catch (JsonException)
        {
            // Not ours or damaged: reported by the caller.
        }

        return false;
    }
}
