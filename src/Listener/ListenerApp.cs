using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.EventGrid;
using KadoaBridge.Core.Forwarding;
using KadoaBridge.Core.Kadoa;
using KadoaBridge.Core.Storage;
using KadoaBridge.ServiceDefaults;

namespace KadoaBridge.Listener;

/// <summary>Composes the listener: Kadoa clients, storage, the ingress topic, the forwarding pipeline, health endpoints.</summary>
public static class ListenerApp
{
    /// <summary>The default OpenTelemetry <c>service.name</c> (<c>OTEL_SERVICE_NAME</c> overrides it).</summary>
    public const string ServiceName = "kadoa-bridge-listener";

    /// <summary>Runs until stopped; exits non-zero when the listener stopped because it could no longer forward.</summary>
    public static async Task<int> RunAsync(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var state = app.Services.GetRequiredService<ListenerState>(); // RunAsync disposes the app's services
        await app.RunAsync();
        return state.StoppedBecause is null ? 0 : 1;
    }

    /// <param name="args">Command-line arguments (configuration overrides).</param>
    /// <param name="configure">Lets tests add configuration or replace services before the app is built.</param>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        configure?.Invoke(builder);
        builder.AddBridgeTelemetry(ServiceName, BridgeTelemetry.Listener);
        builder.AddKadoa();
        builder.AddBridgeStorage();
        builder.AddIngressTopic();
        builder.AddForwarding();
        builder.AddListenerHealth();

        var app = builder.Build();
        app.MapListenerHealth();
        return app;
    }
}
