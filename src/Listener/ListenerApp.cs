using KadoaBridge.Core.EventGrid;
using KadoaBridge.Core.Forwarding;
using KadoaBridge.Core.Kadoa;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Listener;

/// <summary>Composes the listener: Kadoa clients, storage, the ingress topic, the forwarding pipeline, health endpoints.</summary>
public static class ListenerApp
{
    /// <param name="args">Command-line arguments (configuration overrides).</param>
    /// <param name="configure">Lets tests add configuration or replace services before the app is built.</param>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        configure?.Invoke(builder);
        builder.Services
            .AddKadoaClients(builder.Configuration)
            .AddBridgeStorage(builder.Configuration)
            .AddIngressTopic(builder.Configuration)
            .AddRealtimeForwarding(builder.Configuration)
            .AddListenerHealth();

        var app = builder.Build();
        app.MapListenerHealth();
        return app;
    }
}
