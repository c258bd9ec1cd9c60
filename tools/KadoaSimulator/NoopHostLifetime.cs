namespace KadoaBridge.KadoaSimulator;

/// <summary>
/// Replaces the console lifetime: the simulator runs inside test processes, where it must not hook Ctrl+C,
/// SIGTERM or process exit (a forgotten dispose would otherwise hold the process open for the shutdown timeout).
/// The standalone <see cref="Program"/> handles its own signals.
/// </summary>
internal sealed class NoopHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
