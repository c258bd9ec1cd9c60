namespace KadoaBridge.LocalRun;

/// <summary>The embedded defaults: what the listener and the Functions app are configured with locally.</summary>
public sealed partial class LocalBridge
{
    /// <summary>The emulator's development keys: local only, printed on purpose so a developer can publish with curl.</summary>
    internal const string IngressKey = "local-ingress-key";

    internal const string ChangesKey = "local-changes-key";

    /// <summary>The emulator subscription that delivers the ingress topic into the <c>ingress</c> queue.</summary>
    internal const string IngressSubscription = "ingress-to-queue";

    /// <summary>
    /// Listener settings: Kadoa (the simulator's URLs and key, or the real key with the configured or default URLs),
    /// storage, the ingress topic, the port and the dashboard's OTLP endpoint. They override the environment's; other settings still come from it.
    /// </summary>
    private Dictionary<string, string?> ListenerSettings()
    {
        var settings = CommonSettings();
        settings["EventGrid:TopicEndpoint"] = EventGrid.GetTopicEndpoint(IngressTopic).AbsoluteUri;
        settings["EventGrid:TopicKey"] = IngressKey;
        settings["urls"] = $"http://127.0.0.1:{_options.ListenerPort}";
        AddTelemetrySettings(settings, ListenerServiceName);
        return settings;
    }

    /// <summary>Functions app settings (what local.settings.json would hold): Kadoa, storage, the <c>changes</c> topic as the default destination, and the dashboard's OTLP endpoint.</summary>
    private Dictionary<string, string?> FunctionsSettings()
    {
        var settings = CommonSettings();
        settings[$"Routing:Destinations:{ChangesTopic}:Endpoint"] = EventGrid.GetTopicEndpoint(ChangesTopic).AbsoluteUri;
        settings[$"Routing:Destinations:{ChangesTopic}:Key"] = ChangesKey;
        settings["Routing:DefaultDestination"] = ChangesTopic;
        AddTelemetrySettings(settings, FunctionsServiceName);
        return settings;
    }

    private Dictionary<string, string?> CommonSettings()
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Storage:ConnectionString"] = StorageConnectionString,
        };
        if (Kadoa is { } simulator)
        {
            settings["Kadoa:ApiKey"] = simulator.ApiKeyAccepted;
            settings["Kadoa:ApiBaseUrl"] = simulator.ApiBaseUrl.AbsoluteUri;
            settings["Kadoa:RealtimeUrl"] = simulator.RealtimeUrl.AbsoluteUri;
            settings["Kadoa:RealtimeHttpUrl"] = simulator.RealtimeHttpUrl.AbsoluteUri;
        }
        else
        {
            settings["Kadoa:ApiKey"] = _options.KadoaApiKey;
        }

        // Configuration rules win over code rules in the hosts' logging: state the levels here too.
        var level = _options.Verbose ? nameof(LogLevel.Information) : nameof(LogLevel.Warning);
        settings["Logging:LogLevel:Default"] = level;
        foreach (var noisy in NoisyCategories)
        {
            settings[$"Logging:LogLevel:{noisy}"] = nameof(LogLevel.Warning);
        }

        settings[$"Logging:LogLevel:{AzureCore}"] = nameof(LogLevel.Error);
        return settings;
    }

    /// <summary>Categories held at Warning even with --verbose: a line per request or retry drowns the events.</summary>
    private static readonly string[] NoisyCategories = ["Microsoft.AspNetCore", "Microsoft.Hosting.Lifetime", "System.Net.Http.HttpClient", "Polly", "Azure"];

    /// <summary>The Azure SDK logs every 4xx at Warning, including the expected 409 of "create if not exists"; our code reports real failures.</summary>
    private const string AzureCore = "Azure.Core";

    /// <summary>Every component's logging: the caller's providers (a single-line console by default) at Warning, or Information with --verbose.</summary>
    private void ConfigureLogging(ILoggingBuilder logging)
    {
        if (_options.ConfigureLogging is { } configure)
        {
            configure(logging);
        }
        else
        {
            logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss.fff ";
            });
        }

        // Rules added here come after those of any appsettings.json a component loads, so they win.
        var level = _options.Verbose ? LogLevel.Information : LogLevel.Warning;
        logging.SetMinimumLevel(level);
        logging.AddFilter((string?)null, level);
        foreach (var noisy in NoisyCategories)
        {
            logging.AddFilter(noisy, LogLevel.Warning);
        }

        logging.AddFilter(AzureCore, LogLevel.Error);
    }
}
