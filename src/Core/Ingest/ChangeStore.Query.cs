using Azure.Data.Tables;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Core.Ingest;

/// <summary>History queries: one workflow's key range, or the time index merged across the workflow partitions.</summary>
public sealed partial class ChangeStore
{
    /// <summary>The continuation marker of a query over the time index (it spans every workflow partition).</summary>
    private const string TimeQuery = "time";

    public async Task<ChangePage> QueryAsync(ChangeQuery query, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var to = query.To ?? now;
        var from = query.From ?? (query.WorkflowId is null ? to - ChangeQuery.DefaultLookBack : DateTimeOffset.MinValue.AddYears(1));
        var continuation = query.ContinuationToken is { } token ? Decode(token) : null;
        if (continuation is { Workflow: { } scope } && scope != (query.WorkflowId ?? ""))
        {
            throw OtherQuerysToken();
        }

        return query.WorkflowId is { } workflowId
            ? await QueryWorkflowAsync(query, workflowId, from, to, continuation, cancellationToken)
            : await QueryTimeAsync(query, from, to, continuation, cancellationToken);
    }

    private async Task<ChangePage> QueryWorkflowAsync(
        ChangeQuery query, string workflowId, DateTimeOffset from, DateTimeOffset to, Continuation? continuation, CancellationToken cancellationToken)
    {
        var partition = WorkflowPartition(workflowId);
        if (continuation is not null && continuation.Partition != partition)
        {
            throw OtherQuerysToken();
        }

        var items = new List<ChangeRecord>(query.PageSize);
        var filter = Filter(partition, WorkflowPrefix(workflowId), from, to, query.Type, after: null);
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, maxPerPage: query.PageSize, cancellationToken: cancellationToken)
            .AsPages(continuation?.Token, query.PageSize))
        {
            foreach (var row in page.Values)
            {
                items.Add(await ToRecordAsync(row, cancellationToken));
            }

            return new ChangePage(items, page.ContinuationToken is { } next ? Encode(new Continuation(partition, next, workflowId)) : null);
        }

        return new ChangePage(items, null);
    }

    private async Task<ChangePage> QueryTimeAsync(
        ChangeQuery query, DateTimeOffset from, DateTimeOffset to, Continuation? continuation, CancellationToken cancellationToken)
    {
        if (continuation is not null && continuation.Partition != TimeQuery)
        {
            throw OtherQuerysToken();
        }

        // Each partition's first rows after the position, merged: the page, plus one row that says whether more follow.
        var wanted = query.PageSize + 1;
        var partitions = await Task.WhenAll(WorkflowPartitions().Select(async partition =>
        {
            var rows = new List<TableEntity>(wanted);
            var filter = Filter(partition, TimeIndex, from, to, query.Type, after: continuation?.Token);
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: wanted, cancellationToken: cancellationToken))
            {
                rows.Add(row);
                if (rows.Count >= wanted)
                {
                    break;
                }
            }

            return rows;
        }));
        var merged = partitions.SelectMany(rows => rows).OrderBy(row => row.RowKey, StringComparer.Ordinal).Take(wanted).ToList();
        var items = new List<ChangeRecord>(query.PageSize);
        foreach (var row in merged.Take(query.PageSize))
        {
            items.Add(await ToRecordAsync(row, cancellationToken));
        }

        return new ChangePage(items, merged.Count > query.PageSize ? Encode(new Continuation(TimeQuery, merged[query.PageSize - 1].RowKey, "")) : null);
    }

    /// <summary>
    /// Parameterised filter: the SDK quotes and escapes every value (no concatenation of user input); optional conditions
    /// are joined as whole filters the SDK built.
    /// </summary>
    /// <param name="prefix">The workflow's row-key prefix, or the time index's.</param>
    /// <param name="after">Only rows after this row key (a time query's position).</param>
    private static string Filter(string partition, string prefix, DateTimeOffset from, DateTimeOffset to, string? type, string? after)
    {
        var newest = prefix + TableKeys.NewestFirst(to);
        var oldest = prefix + TableKeys.NewestFirst(from) + "|~";
        var conditions = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {newest} and RowKey le {oldest}") };
        if (type is not null)
        {
            conditions.Add(TableClient.CreateQueryFilter($"Type eq {type}"));
        }

        if (after is not null)
        {
            conditions.Add(TableClient.CreateQueryFilter($"RowKey gt {after}"));
        }

        return string.Join(" and ", conditions);
    }

    private static InvalidContinuationTokenException OtherQuerysToken() =>
        new("The continuation token belongs to another query: repeat the same filters with it.");
}
