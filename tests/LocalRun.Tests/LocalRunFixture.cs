namespace KadoaBridge.LocalRun.Tests;

/// <summary>
/// One local run for the test assembly, started in-process as the command starts it, but on free ports, with
/// faster simulated events, no console logging, and failed queue messages retried at once.
/// </summary>
public sealed class LocalRunFixture : IAsyncLifetime
{
    private readonly OutputCapture _output = new();
    private LocalBridge? _bridge;

    public LocalBridge Bridge => _bridge ?? throw new InvalidOperationException("The local run did not start.");

    /// <summary>Everything the run printed so far: the banner, then one line per event.</summary>
    public string Output => _output.ToString();

    public async Task InitializeAsync()
    {
        var options = new LocalRunOptions
        {
            ApiPort = 0,
            ListenerPort = 0,
            Rate = 10,
            Workflows = 3,
            QueueRetryDelay = TimeSpan.Zero,
            Output = _output,
            ConfigureLogging = _ => { },
        };
        using var startTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        _bridge = await LocalBridge.StartAsync(options, startTimeout.Token);
        await _output.WriteAsync(Banner.Render(_bridge, options));
    }

    public async Task DisposeAsync()
    {
        if (_bridge is not null)
        {
            await _bridge.DisposeAsync();
        }

        _output.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class LocalRunCollection : ICollectionFixture<LocalRunFixture>
{
    public const string Name = "local run";
}
