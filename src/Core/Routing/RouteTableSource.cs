using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Routing;

/// <summary>
/// The compiled route table ingest routes with. Rules come from <see cref="IRouteRuleSource"/> and are compiled once
/// per change; a rule edit takes effect within <see cref="RoutingOptions.RulesRefreshInterval"/> without a restart.
/// </summary>
public sealed class RouteTableSource(IRouteRuleSource rules, IOptions<RoutingOptions> options, TimeProvider time, ILogger<RouteTableSource> logger) : IDisposable
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private CompiledRouteTable? _table;
    private string? _version;
    private long _loadedAt;

    private TimeSpan RefreshInterval => options.Value.RulesRefreshInterval;

    public async ValueTask<CompiledRouteTable> GetAsync(CancellationToken cancellationToken)
    {
        if (_table is { } table && time.GetElapsedTime(Interlocked.Read(ref _loadedAt)) < RefreshInterval)
        {
            return table;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_table is null || time.GetElapsedTime(Interlocked.Read(ref _loadedAt)) >= RefreshInterval)
            {
                var (version, loaded) = await rules.LoadAsync(cancellationToken);
                if (_table is null || version != _version)
                {
                    _table = CompileValid(loaded);
                    _version = version;
                }

                Interlocked.Exchange(ref _loadedAt, time.GetTimestamp());
            }

            return _table;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    /// <summary>
    /// A stored rule can become invalid without being edited (its destination alias removed from configuration): it is
    /// left out and reported, so the other rules keep routing instead of every event failing.
    /// </summary>
    private CompiledRouteTable CompileValid(IReadOnlyList<RouteRule> loaded)
    {
        var routing = options.Value;
        var fallback = routing.DefaultDestination is { Length: > 0 } d ? d : null;
        var usable = loaded.ToList();
        while (true)
        {
            try
            {
                return CompiledRouteTable.Compile(usable, routing.Destinations.Keys, fallback);
            }
            catch (RouteRuleValidationException e) when (usable.RemoveAll(r => r.Name == e.RuleName) > 0)
            {
                Log.RuleSkipped(logger, e.RuleName, string.Join("; ", e.Errors.Select(error => $"{error.Path}: {error.Message}")));
            }
        }
    }
}
