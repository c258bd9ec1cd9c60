namespace KadoaBridge.LocalRun;

/// <summary>
/// Replaces the console lifetime in the hosts the local run starts in-process (listener, Functions host): Ctrl+C is
/// handled once, by <see cref="Program"/>, which stops everything in order; a host must not stop itself on the signal.
/// </summary>
internal sealed class NoopHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
