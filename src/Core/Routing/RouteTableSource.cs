using KadoaBridge.Core.Delivery;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Routing;

/// <summary>
/// The compiled route table ingest routes with. Rules come from <see cref="IRouteRuleSource"/> and are compiled once
/// per change; a rule edit takes effect within <see cref="RoutingOptions.RulesRefreshInterval"/> without a restart.
/// </summary>
public sealed class RouteTableSource(IRouteRuleSource rules, IOptions<RoutingOptions> options, TimeProvider time) : IDisposable
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
                    var routing = options.Value;
                    _table = CompiledRouteTable.Compile(loaded, routing.Destinations.Keys, routing.DefaultDestination is { Length: > 0 } d ? d : null);
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
}
