using KadoaBridge.ServiceDefaults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KadoaBridge.Listener.Tests;

/// <summary>Settled outcomes stay out of the log by default, and an operator can still turn them back on.</summary>
public class LogDefaultsTests
{
    [Fact]
    public void AddBridgeTelemetry_NoExporter_AzureCoreAndPollyWarningsOffAndNothingRegistered()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = false }); // as the Functions worker's

        var exporting = builder.AddBridgeTelemetry(ListenerApp.ServiceName, Core.Diagnostics.BridgeTelemetry.Listener);
        using var host = builder.Build();
        var loggers = host.Services.GetRequiredService<ILoggerFactory>();

        Assert.False(exporting);
        Assert.False(loggers.CreateLogger("Azure.Core").IsEnabled(LogLevel.Warning)); // 412/409 the bridge settles
        Assert.True(loggers.CreateLogger("Azure.Core").IsEnabled(LogLevel.Error));
        Assert.False(loggers.CreateLogger("Polly").IsEnabled(LogLevel.Warning)); // each retry of a Kadoa call
        Assert.True(loggers.CreateLogger("KadoaBridge.Core.Kadoa.Realtime.RealtimeReceiver").IsEnabled(LogLevel.Information));
        Assert.Null(host.Services.GetService<OpenTelemetry.Trace.TracerProvider>());
    }

    [Fact]
    public void AddBridgeTelemetry_LevelConfigured_OverridesTheDefault()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = false });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Azure.Core"] = "Warning" });

        builder.AddBridgeTelemetry(ListenerApp.ServiceName, Core.Diagnostics.BridgeTelemetry.Listener);
        using var host = builder.Build();

        Assert.True(host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Azure.Core").IsEnabled(LogLevel.Warning));
    }
}
