using System.Globalization;
using Azure.Data.Tables;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Core.Ingest;

/// <summary>History queries: one workflow partition, or day partitions walked newest first.</summary>
public sealed partial class ChangeStore
{
    /// <summary>Days one query may walk without a workflow (bounds the requests one page can cost).</summary>
    private const int MaxDays = 92;

    public async Task<ChangePage> QueryAsync(ChangeQuery query, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var to = query.To ?? now;
        var from = query.From ?? (query.WorkflowId is null ? to - ChangeQuery.DefaultLookBack : DateTimeOffset.MinValue.AddYears(1));
        var continuation = query.ContinuationToken is { } token ? Decode(token) : null;
        var partitions = query.WorkflowId is { } workflowId
            ? [WorkflowPartition(workflowId)]
            : DaysNewestFirst(from, to);
        var start = continuation is null ? 0 : Math.Max(0, partitions.IndexOf(continuation.Partition));
        var workflow = query.WorkflowId ?? "";
        if (continuation is not null && (!partitions.Contains(continuation.Partition) || (continuation.Workflow is { } scope && scope != workflow)))
        {
            throw new InvalidContinuationTokenException("The continuation token belongs to another query: repeat the same filters with it.");
        }

        var items = new List<ChangeRecord>(query.PageSize);
        for (var i = start; i < partitions.Count && items.Count < query.PageSize; i++)
        {
            var sdkToken = i == start ? continuation?.Token : null;
            var filter = Filter(partitions[i], query.WorkflowId is null ? "" : WorkflowPrefix(query.WorkflowId), from, to, query.Type);
            await foreach (var page in _table.QueryAsync<TableEntity>(filter, maxPerPage: query.PageSize - items.Count, cancellationToken: cancellationToken)
                .AsPages(sdkToken, query.PageSize - items.Count))
            {
                foreach (var row in page.Values)
                {
                    items.Add(await ToRecordAsync(row, cancellationToken));
                }

                if (page.ContinuationToken is { } next)
                {
                    return new ChangePage(items, Encode(new Continuation(partitions[i], next, workflow)));
                }

                break; // last page of this partition
            }

            if (items.Count >= query.PageSize && i + 1 < partitions.Count)
            {
                return new ChangePage(items, Encode(new Continuation(partitions[i + 1], null, workflow)));
            }
        }

        return new ChangePage(items, null);
    }

    /// <summary>Parameterised filter: the SDK quotes and escapes every value (no concatenation of user input).</summary>
    /// <param name="prefix">The workflow's row-key prefix in a workflow partition; empty in a day partition.</param>
    private static string Filter(string partition, string prefix, DateTimeOffset from, DateTimeOffset to, string? type)
    {
        var newest = prefix + TableKeys.NewestFirst(to);
        var oldest = prefix + TableKeys.NewestFirst(from) + "|~";
        return type is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {newest} and RowKey le {oldest}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {newest} and RowKey le {oldest} and Type eq {type}");
    }

    private static List<string> DaysNewestFirst(DateTimeOffset from, DateTimeOffset to)
    {
        var days = new List<string>();
        for (var day = to.UtcDateTime.Date; day >= from.UtcDateTime.Date && days.Count < MaxDays; day = day.AddDays(-1))
        {
            days.Add("day|" + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        }

        return days;
    }
}
