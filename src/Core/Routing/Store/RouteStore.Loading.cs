using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace KadoaBridge.Core.Routing.Store;

/// <summary>The rule source for ingest: a keys-and-tags query decides whether anything changed; rules are read only then.</summary>
public sealed partial class RouteStore
{
    private static readonly string[] KeyColumns = ["RowKey"];

    private volatile LoadedRules? _loaded;

    /// <summary>
    /// The rules and a version that changes whenever any rule is created, replaced or deleted (a hash of row keys and
    /// entity tags). One small query when nothing changed; the rules themselves are read again only after a change.
    /// </summary>
    public async Task<(string Version, IReadOnlyList<RouteRule> Rules)> LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var keys = new List<(string RowKey, string ETag)>();
            await foreach (var row in _table.QueryAsync<TableEntity>(PartitionFilter, select: KeyColumns, cancellationToken: cancellationToken))
            {
                keys.Add((row.RowKey, row.ETag.ToString()));
            }

            var version = VersionOf(keys);
            if (_loaded is { } cached && cached.Version == version)
            {
                return (cached.Version, cached.Rules);
            }

            var (rules, actualVersion) = await ReadAllAsync(cancellationToken);
            var loaded = new LoadedRules(actualVersion, [.. rules.Select(r => r.Rule)]);
            _loaded = loaded;
            Log.RouteRulesLoaded(logger, loaded.Rules.Count, loaded.Version);
            return (loaded.Version, loaded.Rules);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return ("none", []); // the table is not created yet: no rules
        }
    }

    private static string PartitionFilter => TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");

    private async Task<(IReadOnlyList<StoredRouteRule> Rules, string Version)> ReadAllAsync(CancellationToken cancellationToken)
    {
        var rules = new List<StoredRouteRule>();
        var keys = new List<(string RowKey, string ETag)>();
        await foreach (var row in _table.QueryAsync<TableEntity>(PartitionFilter, cancellationToken: cancellationToken))
        {
            rules.Add(ToStored(row));
            keys.Add((row.RowKey, row.ETag.ToString()));
        }

        rules.Sort(static (a, b) => a.Rule.Order != b.Rule.Order
            ? a.Rule.Order.CompareTo(b.Rule.Order)
            : string.CompareOrdinal(a.Rule.Name, b.Rule.Name));
        return (rules, VersionOf(keys));
    }

    /// <summary>Rows come back in row-key order, so the same rules always hash the same.</summary>
    private static string VersionOf(List<(string RowKey, string ETag)> keys)
    {
        if (keys.Count == 0)
        {
            return "empty";
        }

        var text = new StringBuilder();
        foreach (var (rowKey, etag) in keys)
        {
            text.Append(rowKey).Append('\n').Append(etag).Append('\n');
        }

        return keys.Count + "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())), 0, 12);
    }

    private sealed record LoadedRules(string Version, IReadOnlyList<RouteRule> Rules);
}
