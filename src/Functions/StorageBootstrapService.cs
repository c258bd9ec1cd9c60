using KadoaBridge.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KadoaBridge.Functions;

/// <summary>Creates the bridge's tables, container and queues at start (a no-op in Azure, where infra made them).</summary>
internal sealed partial class StorageBootstrapService(StorageBootstrap bootstrap, ILogger<StorageBootstrapService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await bootstrap.EnsureCreatedAsync(cancellationToken);
        }
        catch (Azure.RequestFailedException e)
        {
            // Not fatal: with identity-based access the app may lack rights to create; the resources exist in Azure.
            LogBootstrapFailed(logger, e.Status, e.ErrorCode, e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // KadoaBridge.Functions logs with event ids 800–899 (this class 800, BacklogSampler 801, HttpFailure 820–839); every
    // assembly's range is listed on KadoaBridge.Core.Log and checked by LogEventIdTests.
    [LoggerMessage(800, LogLevel.Warning, "Could not create the bridge's storage resources ({Status} {ErrorCode}); assuming they exist")]
    private static partial void LogBootstrapFailed(ILogger logger, int status, string? errorCode, Exception exception);
}
