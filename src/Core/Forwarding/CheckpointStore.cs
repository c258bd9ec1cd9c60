using Azure;
using Azure.Data.Tables;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Core.Forwarding;

/// <summary>
/// The resume cursor per team in table <c>Checkpoints</c>. Writes carry the ETag last read, so two replicas never move
/// it backwards: on a conflict the row is re-read and only a later event (by Kadoa's timestamp) replaces it.
/// </summary>
public sealed class CheckpointStore(TableServiceClient tables, ListenerMetrics metrics, TimeProvider time)
{
    /// <summary>
    /// Longest cursor a checkpoint stores: Azure Table string properties hold 64 KiB of UTF-16, 32,768 characters. Azurite
    /// does not enforce it, so it is enforced here (and the intake never hands on a longer cursor).
    /// </summary>
    public const int MaxCursorLength = 32 * 1024;

    private const string Partition = "realtime";
    private const int MaxConflictRetries = 5;

    private readonly TableClient _table = tables.GetTableClient(TableNames.Checkpoints);
    private readonly Dictionary<string, ETag> _etags = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) =>
        await _table.CreateIfNotExistsAsync(cancellationToken);

    public async Task<Checkpoint?> ReadAsync(string teamId, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Escape(teamId), cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is null)
        {
            return null;
        }

        Remember(teamId, row.Value.ETag);
        return ToCheckpoint(row.Value);
    }

    /// <summary>Moves the cursor forward. Returns false when another replica had already stored a later one.</summary>
    public async Task<bool> AdvanceAsync(string teamId, string cursor, DateTimeOffset eventTime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        if (cursor.Length > MaxCursorLength)
        {
            throw new ArgumentException($"A cursor of {cursor.Length} characters is longer than a table property holds ({MaxCursorLength}).", nameof(cursor));
        }

        var entity = new TableEntity(Partition, TableKeys.Escape(teamId))
        {
            ["Cursor"] = cursor,
            ["EventTime"] = eventTime,
            ["UpdatedAt"] = time.GetUtcNow(),
            ["Replica"] = Environment.MachineName,
        };
        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            var etag = Known(teamId);
            try
            {
                var response = etag is { } known
                    ? await _table.UpdateEntityAsync(entity, known, TableUpdateMode.Replace, cancellationToken)
                    : await _table.AddEntityAsync(entity, cancellationToken);
                Remember(teamId, response.Headers.ETag ?? default);
                return true;
            }
            catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode == "TableNotFound")
            {
                // The table went away (recreated storage, an emulator that lost it): make it again and write anew.
                await _table.CreateIfNotExistsAsync(cancellationToken);
                Forget(teamId);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                Forget(teamId); // the row went away: add it again
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another replica wrote in between: read its row and keep whichever event is later. Expected with two
                // replicas, so counted rather than logged.
                metrics.OnCheckpointConflict();
                var stored = await ReadAsync(teamId, cancellationToken);
                if (stored is not null && stored.EventTime > eventTime)
                {
                    return false;
                }
            }
        }

        throw new InvalidOperationException($"The checkpoint of team {teamId} kept changing under {MaxConflictRetries} attempts to advance it.");
    }

    private static Checkpoint ToCheckpoint(TableEntity entity) => new(
        entity.GetString("Cursor") ?? "",
        entity.GetDateTimeOffset("EventTime") ?? DateTimeOffset.MinValue,
        entity.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue);

    private ETag? Known(string teamId)
    {
        lock (_gate)
        {
            return _etags.TryGetValue(teamId, out var etag) ? etag : null;
        }
    }

    private void Forget(string teamId)
    {
        lock (_gate)
        {
            _etags.Remove(teamId);
        }
    }

    private void Remember(string teamId, ETag etag)
    {
        lock (_gate)
        {
            _etags[teamId] = etag;
        }
    }
}
