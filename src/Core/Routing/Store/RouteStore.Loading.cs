using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using KadoaBridge.Core.Storage;

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

            var (rules, _, actualVersion) = await ReadAllAsync(cancellationToken);
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

    /// <summary>
    /// The rules ingest leaves out, by name: rows that cannot be read, and enabled rules that no longer validate against
    /// <paramref name="destinations"/> (an alias removed from configuration). Empty when the table does not exist yet.
    /// </summary>
    public async Task<IReadOnlyList<SkippedRule>> FindSkippedAsync(IReadOnlyCollection<string> destinations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destinations);
        try
        {
            var (rules, unreadable, _) = await ReadAllAsync(cancellationToken);
            var invalid = rules
                .Where(stored => stored.Rule.Enabled)
                .Select(stored => (stored.Rule.Name, Errors: RouteRuleValidator.Validate(stored.Rule, destinations)))
                .Where(rule => rule.Errors.Count > 0)
                .Select(rule => new SkippedRule(rule.Name, string.Join("; ", rule.Errors.Select(error => $"{error.Path}: {error.Message}"))));
            return [.. unreadable.Concat(invalid).OrderBy(skipped => skipped.Name, StringComparer.Ordinal)];
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
    }

    /// <summary>Every row that reads as a rule, in evaluation order; a row that does not is logged and returned apart, so one bad row never hides the others.</summary>
    private async Task<(IReadOnlyList<StoredRouteRule> Rules, IReadOnlyList<SkippedRule> Unreadable, string Version)> ReadAllAsync(CancellationToken cancellationToken)
    {
        var rules = new List<StoredRouteRule>();
        var unreadable = new List<SkippedRule>();
        var keys = new List<(string RowKey, string ETag)>();
        await foreach (var row in _table.QueryAsync<TableEntity>(PartitionFilter, cancellationToken: cancellationToken))
        {
            if (TryRead(row, out var stored, out var error))
            {
                rules.Add(stored);
            }
            else
            {
                unreadable.Add(new SkippedRule(TableKeys.Unescape(row.RowKey), error));
            }

            keys.Add((row.RowKey, row.ETag.ToString()));
        }

        rules.Sort(static (a, b) => a.Rule.Order != b.Rule.Order
            ? a.Rule.Order.CompareTo(b.Rule.Order)
            : string.CompareOrdinal(a.Rule.Name, b.Rule.Name));
        return (rules, unreadable, VersionOf(keys));
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
