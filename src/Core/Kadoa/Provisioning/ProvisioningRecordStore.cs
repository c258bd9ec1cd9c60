using Azure;
using Azure.Data.Tables;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Core.Kadoa.Provisioning;

/// <summary>
/// The bridge's record of provisioning in table <c>Provisioning</c>: partition <c>channel</c> (one row, the channel),
/// partition <c>links</c> (one row per linked setting, key <c>{workflowId|~workspace}|{eventType}</c>) and partition
/// <c>setup</c> (one row, the last setup's summary). Kadoa stays the source of truth; this says what the bridge did.
/// </summary>
public sealed class ProvisioningRecordStore(TableServiceClient tables)
{
    private const string ChannelPartition = "channel";
    private const string ChannelRow = "websocket";
    private const string LinksPartition = "links";
    private const string SetupPartition = "setup";
    private const string SetupRow = "last";
    private const string WorkspaceScope = "~workspace";
    private const int MaxBatch = 100;

    private readonly TableClient _table = tables.GetTableClient(ProvisioningTableNames.Provisioning);
    private volatile bool _created;

    /// <summary>Records a setup: the channel, every setting it linked (created, updated or unchanged), its summary.</summary>
    public async Task RecordSetupAsync(SetupResult result, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        await EnsureCreatedAsync(cancellationToken);
        if (result.Channel is { } channel)
        {
            var row = new TableEntity(ChannelPartition, ChannelRow)
            {
                ["ChannelId"] = channel.Id,
                ["Name"] = channel.Name,
                ["RecordedAt"] = now,
            };
            if (channel.Created)
            {
                row["CreatedByBridge"] = true;
            }

            // Merge keeps CreatedByBridge from the setup that created the channel.
            await _table.UpsertEntityAsync(row, TableUpdateMode.Merge, cancellationToken);

            var links = result.Created.Select(s => LinkRow(s, channel.Id, "created", now))
                .Concat(result.Updated.Select(s => LinkRow(s, channel.Id, "updated", now)))
                .Concat(result.Unchanged.Select(s => LinkRow(s, channel.Id, "unchanged", now)));
            await SubmitAsync(links.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken);
        }

        var summary = new TableEntity(SetupPartition, SetupRow)
        {
            ["FinishedAt"] = now,
            ["Created"] = result.Created.Count,
            ["Updated"] = result.Updated.Count,
            ["Unchanged"] = result.Unchanged.Count,
            ["Complete"] = result.Complete,
            ["Failure"] = result.Failure is { } failure ? Truncate($"{failure.Step}: {failure.Message}", 2_000) : null,
        };
        await _table.UpsertEntityAsync(summary, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Forgets the links of a workflow: those of <paramref name="eventTypes"/>, or all of them when null.</summary>
    public async Task RemoveLinksAsync(string workflowId, IReadOnlyCollection<string>? eventTypes, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {LinksPartition} and WorkflowId eq {workflowId}");
        var deletes = new List<TableTransactionAction>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "EventType"], cancellationToken: cancellationToken))
        {
            if (eventTypes is null || eventTypes.Contains(row.GetString("EventType")))
            {
                deletes.Add(new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All));
            }
        }

        await SubmitAsync(deletes, cancellationToken);
    }

    /// <summary>Reads the whole record.</summary>
    public async Task<ProvisioningRecord> ReadAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        ProvisioningRecord.ChannelEntry? channel = null;
        ProvisioningRecord.SetupEntry? setup = null;
        var links = new List<ProvisioningRecord.LinkEntry>();
        await foreach (var row in _table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            switch (row.PartitionKey)
            {
                case ChannelPartition:
                    channel = new(row.GetString("ChannelId") ?? "", row.GetString("Name") ?? "", row.GetBoolean("CreatedByBridge") ?? false, Time(row, "RecordedAt"));
                    break;
                case LinksPartition:
                    links.Add(new(row.GetString("WorkflowId"), row.GetString("EventType") ?? "", row.GetString("SettingId") ?? "", row.GetString("ChannelId") ?? "", row.GetString("Action") ?? "", Time(row, "RecordedAt")));
                    break;
                case SetupPartition:
                    setup = new(Time(row, "FinishedAt"), row.GetInt32("Created") ?? 0, row.GetInt32("Updated") ?? 0, row.GetInt32("Unchanged") ?? 0, row.GetBoolean("Complete") ?? false, row.GetString("Failure"));
                    break;
                default:
                    break;
            }
        }

        return new ProvisioningRecord(channel, links, setup);
    }

    private static TableEntity LinkRow(ProvisionedSetting setting, string channelId, string action, DateTimeOffset now) =>
        new(LinksPartition, TableKeys.Escape($"{setting.WorkflowId ?? WorkspaceScope}|{setting.EventType}"))
        {
            ["WorkflowId"] = setting.WorkflowId,
            ["EventType"] = setting.EventType,
            ["SettingId"] = setting.SettingId,
            ["ChannelId"] = channelId,
            ["Action"] = action,
            ["RecordedAt"] = now,
        };

    /// <summary>Entity group transactions of at most 100 operations, all in the <c>links</c> partition.</summary>
    private async Task SubmitAsync(IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        foreach (var batch in actions.Chunk(MaxBatch))
        {
            await _table.SubmitTransactionAsync(batch, cancellationToken);
        }
    }

    private async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await _table.CreateIfNotExistsAsync(cancellationToken);
            _created = true;
        }
    }

    private static DateTimeOffset Time(TableEntity row, string name) => row.GetDateTimeOffset(name) ?? DateTimeOffset.MinValue;

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
