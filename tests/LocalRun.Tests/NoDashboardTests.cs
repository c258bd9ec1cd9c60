using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KadoaBridge.LocalRun.Tests;

/// <summary>Running without the dashboard: turned off, or unable to start; the rest of the run goes on either way.</summary>
[Collection(LocalRunCollection.Name)] // not while the shared run starts or runs its timed tests: two cores are few
[Trait("Category", "Integration")]
public sealed class NoDashboardTests
{
    [Fact]
    public async Task StartAsync_NoDashboard_StartsNoneAndBannerSaysSo()
    {
        using var output = new OutputCapture();
        var options = new LocalRunOptions
        {
            StartDashboard = false,
            ApiPort = 0,
            ListenerPort = 0,
            EmitSimulatorEvents = false,
            Output = output,
            ConfigureLogging = _ => { },
        };
        using var startTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        await using var bridge = await LocalBridge.StartAsync(options, startTimeout.Token);

        Assert.Null(bridge.Dashboard);
        Assert.Null(bridge.DashboardUrl);
        Assert.Contains("  Dashboard        off (--no-dashboard)\n", Banner.Render(bridge, options), StringComparison.Ordinal);
        Assert.DoesNotContain("Dashboard not started", output.ToString(), StringComparison.Ordinal);

        // Nothing of ours: the environment's OTEL_* settings (a developer's own collector) are what the apps see.
        foreach (var configuration in new[] { bridge.Listener.Configuration, bridge.Functions!.Services.GetRequiredService<IConfiguration>() })
        {
            Assert.Equal(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"), configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
            Assert.Equal(Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME"), configuration["OTEL_SERVICE_NAME"]);
        }
    }

    [Fact]
    public async Task StartAsync_NoPackageForThisMachine_OneLineAndNoDashboard()
    {
        using var output = new OutputCapture();

        var dashboard = await AspireDashboard.StartAsync(executable: null, output, CancellationToken.None);

        Assert.Null(dashboard);
        var line = Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Dashboard not started: Aspire.Dashboard.Sdk has no package for ", line, StringComparison.Ordinal);
        Assert.EndsWith("; running without it.", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_ExecutableMissing_OneLineNamingIt()
    {
        using var output = new OutputCapture();
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "Aspire.Dashboard");

        var dashboard = await AspireDashboard.StartAsync(missing, output, CancellationToken.None);

        Assert.Null(dashboard);
        var line = Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(missing, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_ExitsAtStart_OneLineWithItsError()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // the stand-in below is a shell script
        }

        var directory = Directory.CreateTempSubdirectory("dashboard-stand-in-");
        try
        {
            var script = Path.Combine(directory.FullName, "Aspire.Dashboard");
            await File.WriteAllTextAsync(script, "#!/bin/sh\necho 'starting'\necho 'Error: Failed to bind to address: address already in use.' >&2\nexit 3\n");
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            using var output = new OutputCapture();

            var dashboard = await AspireDashboard.StartAsync(script, output, CancellationToken.None);

            Assert.Null(dashboard);
            var line = Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal("Dashboard not started: it exited with code 3 (Error: Failed to bind to address: address already in use.); running without it.", line);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
