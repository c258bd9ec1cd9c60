using KadoaBridge.Core.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.ControlPlane;

public static class ControlPlaneServiceCollectionExtensions
{
    /// <summary>
    /// The control plane's read, replay, status, recovery, retention and route dry-run services (<see cref="ReplayOptions"/> from <c>Replay</c>). Needs
    /// storage (<c>AddBridgeStorage</c>) and ingest (<c>AddIngest</c>), whose stores it reads.
    /// </summary>
    public static IServiceCollection AddControlPlane(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReplayOptions>().Bind(configuration.GetSection(ReplayOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReplayOptions>, ReplayOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ListenerStatusStore>();
        services.AddSingleton<ChangeHistory>();
        services.AddSingleton<ReplayJobStore>();
        services.AddSingleton<ReplayPublisher>();
        services.AddSingleton<ReplayService>();
        services.AddSingleton<StrandedItems>();
        services.AddSingleton<RecoveryService>();
        services.AddSingleton<StatusService>();
        services.AddSingleton<RetentionService>();
        services.AddSingleton<RouteDryRun>();
        return services;
    }
}
