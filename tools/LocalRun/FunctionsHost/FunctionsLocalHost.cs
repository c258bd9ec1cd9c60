using System.Net;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Functions;
using KadoaBridge.ServiceDefaults;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KadoaBridge.LocalRun.FunctionsHost;

/// <summary>
/// Runs the Functions app where Azure Functions Core Tools are not installed: its services composed exactly as in
/// production (<see cref="FunctionsServices.AddBridgeFunctions"/>, the app's own hosted services included), its
/// HTTP functions on an ASP.NET Core host, its queue triggers pumped and its timers scheduled, all found by
/// reflection (<see cref="FunctionCatalog"/>). Function keys are not enforced.
/// </summary>
internal sealed class FunctionsLocalHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FunctionsLocalHost(WebApplication app, FunctionCatalog catalog, HostJsonSettings host, Uri baseAddress)
    {
        _app = app;
        Catalog = catalog;
        Host = host;
        BaseAddress = baseAddress;
    }

    /// <summary><c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Where the HTTP functions are: <c>http://127.0.0.1:{port}/api/</c> (host.json's route prefix).</summary>
    public Uri ApiBase => new(BaseAddress, Host.RoutePrefix.Trim('/').Length == 0 ? "" : Host.RoutePrefix.Trim('/') + "/");

    public FunctionCatalog Catalog { get; }

    public HostJsonSettings Host { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="port">Port on 127.0.0.1; 0 = a free port (read it back from <see cref="BaseAddress"/>).</param>
    /// <param name="settings">App settings over the environment's, as local.settings.json would be.</param>
    /// <param name="queueRetryDelay">Overrides host.json's <c>visibilityTimeout</c> when set.</param>
    /// <param name="queueRunVisibility">Overrides <see cref="HostJsonSettings.RunVisibility"/> (5 min) when set.</param>
    public static async Task<FunctionsLocalHost> StartAsync(
        int port, IDictionary<string, string?> settings, Action<ILoggingBuilder> configureLogging, TimeSpan? queueRetryDelay, TimeSpan? queueRunVisibility, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = typeof(FunctionsServices).Assembly.GetName().Name });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        configureLogging(builder.Logging);
        builder.Services.AddSingleton<IHostLifetime, NoopHostLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));

        // The worker's own OpenTelemetry defaults need the Functions host; the bridge's composition is the same.
        builder.AddBridgeTelemetry(FunctionsServices.ServiceName, BridgeTelemetry.Ingest);
        builder.AddBridgeFunctions();
        builder.Services.AddMvcCore(); // the executors of IActionResult, as in the worker's ASP.NET Core integration
        builder.Services.TryAddSingleton(TimeProvider.System);

        var host = HostJsonSettings.Load(Path.Combine(AppContext.BaseDirectory, "host.json"));
        if (queueRetryDelay is { } retryDelay)
        {
            host = host with { VisibilityTimeout = retryDelay };
        }

        if (queueRunVisibility is { } runVisibility)
        {
            host = host with { RunVisibility = runVisibility };
        }

        var catalog = FunctionCatalog.Discover(typeof(FunctionsServices).Assembly, builder.Configuration);
        builder.Services.AddSingleton(host);
        builder.Services.AddSingleton<LocalQueues>();
        foreach (var function in catalog.Queue)
        {
            builder.Services.AddSingleton<IHostedService>(services => ActivatorUtilities.CreateInstance<QueueTriggerPump>(services, function));
        }

        foreach (var function in catalog.Timer)
        {
            builder.Services.AddSingleton<IHostedService>(services => ActivatorUtilities.CreateInstance<TimerTriggerService>(services, function));
        }

        var app = builder.Build();
        app.MapHttpFunctions(host.RoutePrefix, catalog.Http);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        return new FunctionsLocalHost(app, catalog, host, new Uri($"http://127.0.0.1:{address.Port}/"));
    }

    public async ValueTask DisposeAsync()
    {
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(grace.Token);
        await _app.DisposeAsync();
    }
}
