namespace KadoaBridge.LocalRun;

/// <summary>What <see cref="LocalBridge"/> starts and how. The command line fills it (<see cref="LocalRunCommand"/>); tests set it directly.</summary>
public sealed class LocalRunOptions
{
    /// <summary>Simulated <c>workflow_data_change</c> events per second (<c>--rate</c>). Default 1; 0 = none. Ignored with a real Kadoa key.</summary>
    public double Rate { get; set; } = 1;

    /// <summary>Workflows the simulated events rotate over, <c>wf-1</c>..<c>wf-N</c> (<c>--workflows</c>). Default 3.</summary>
    public int Workflows { get; set; } = 3;

    /// <summary>When false the simulator runs but emits nothing by itself (<c>--no-simulator-events</c>). Default true.</summary>
    public bool EmitSimulatorEvents { get; set; } = true;

    /// <summary>Port of the Functions app's local host on 127.0.0.1 (<c>--port-api</c>). Default 7071, as Core Tools; 0 = a free port.</summary>
    public int ApiPort { get; set; } = 7071;

    /// <summary>Port of the listener's health endpoints on 127.0.0.1 (<c>--port-listener</c>). Default 5080; 0 = a free port.</summary>
    public int ListenerPort { get; set; } = 5080;

    /// <summary>
    /// Start the Aspire dashboard and send the apps' traces, metrics and logs to it. Default true; false with
    /// <c>--no-dashboard</c> (the apps then export only where the environment's <c>OTEL_*</c> settings say).
    /// </summary>
    public bool StartDashboard { get; set; } = true;

    /// <summary>Log the apps at Information instead of Warning (<c>--verbose</c>). Default false.</summary>
    public bool Verbose { get; set; }

    /// <summary>
    /// A real Kadoa API key (from <c>Kadoa__ApiKey</c>): no simulator; the listener and the Functions app talk to the
    /// Kadoa URLs in configuration (Kadoa's by default). Default null = the simulator. A secret: never printed.
    /// </summary>
    public string? KadoaApiKey { get; set; }

    /// <summary>A storage connection string (from <c>Storage__ConnectionString</c>): no Azurite is started. Default null = start Azurite. Never printed.</summary>
    public string? StorageConnectionString { get; set; }

    /// <summary>
    /// How long a failed queue message stays invisible before its retry. Default null = host.json's
    /// <c>extensions.queues.visibilityTimeout</c> (as the Functions host); tests shorten it.
    /// </summary>
    public TimeSpan? QueueRetryDelay { get; set; }

    /// <summary>
    /// Run only the Functions app, configured from the environment (<c>--functions-only</c>), and print its API URL; no
    /// Azurite, simulator, emulator, listener or dashboard. Default false.
    /// </summary>
    public bool FunctionsOnly { get; set; }

    /// <summary>
    /// With <see cref="FunctionsOnly"/>: also run the redrive timer's work this often (<c>--redrive-interval</c>, seconds).
    /// Default null = only its every-minute schedule.
    /// </summary>
    public TimeSpan? RedriveInterval { get; set; }

    /// <summary>
    /// With <see cref="FunctionsOnly"/>: how long a received queue message stays invisible while it runs, which is also
    /// how long a killed host's messages stay away (<c>--queue-run-visibility</c>, seconds). Default null = 5 min.
    /// </summary>
    public TimeSpan? QueueRunVisibility { get; set; }

    /// <summary>
    /// Start the Functions app on LocalRun's own host. Default true; false with <c>--no-functions</c> or
    /// <c>--write-local-settings</c>, when Azure Functions Core Tools (<c>func start</c> in src/Functions) hosts it instead.
    /// </summary>
    public bool StartFunctions { get; set; } = true;

    /// <summary>
    /// Write the Functions app's settings for this run as a <c>local.settings.json</c> here (<c>--write-local-settings</c>),
    /// so <c>func start</c> in src/Functions runs against this run's storage, simulator and topics. Default null = none.
    /// </summary>
    public string? LocalSettingsPath { get; set; }

    /// <summary>Replace an existing <see cref="LocalSettingsPath"/> file (<c>--force</c>). Default false: an existing file is never overwritten.</summary>
    public bool OverwriteLocalSettings { get; set; }

    /// <summary>Where the banner and the event lines go. Default <see cref="Console.Out"/>.</summary>
    public TextWriter Output { get; set; } = Console.Out;

    /// <summary>
    /// Adds log providers to every component (listener, Functions host, simulator, emulator). Default null = a
    /// single-line console logger. Levels are set by <see cref="Verbose"/> whatever this adds.
    /// </summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }

    /// <summary>True when no real Kadoa key is set, so the simulator stands in for Kadoa.</summary>
    public bool UsesSimulator => string.IsNullOrWhiteSpace(KadoaApiKey);

    /// <summary>The options the environment asks for: <c>Kadoa__ApiKey</c> and <c>Storage__ConnectionString</c>.</summary>
    public static LocalRunOptions FromEnvironment() => new()
    {
        KadoaApiKey = NullIfEmpty(Environment.GetEnvironmentVariable("Kadoa__ApiKey")),
        StorageConnectionString = NullIfEmpty(Environment.GetEnvironmentVariable("Storage__ConnectionString")),
    };

    internal void Validate()
    {
        if (!double.IsFinite(Rate) || Rate < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Rate), Rate, "--rate must be a number of events per second, 0 or more.");
        }

        if (Workflows < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Workflows), Workflows, "--workflows must be at least 1.");
        }

        if (ApiPort is < 0 or > 65535 || ListenerPort is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(ApiPort), "--port-api and --port-listener must be 0..65535.");
        }

        if (ApiPort != 0 && ApiPort == ListenerPort)
        {
            throw new ArgumentException("--port-api and --port-listener must differ.", nameof(ApiPort));
        }

        if (RedriveInterval is { } redrive && redrive <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RedriveInterval), redrive, "--redrive-interval must be more than 0 seconds.");
        }

        if ((RedriveInterval is not null || QueueRunVisibility is not null) && !FunctionsOnly)
        {
            throw new ArgumentException("--redrive-interval and --queue-run-visibility apply only with --functions-only.", nameof(RedriveInterval));
        }

        if (LocalSettingsPath is { } path)
        {
            if (StartFunctions || FunctionsOnly)
            {
                throw new ArgumentException("--write-local-settings runs everything except the Functions app, which func start then hosts; it cannot be combined with the Functions app running here.", nameof(LocalSettingsPath));
            }

            if (File.Exists(path) && !OverwriteLocalSettings)
            {
                throw new ArgumentException($"{Path.GetFullPath(path)} already exists; pass --force to replace it.", nameof(LocalSettingsPath));
            }
        }
        else if (OverwriteLocalSettings)
        {
            throw new ArgumentException("--force applies only with --write-local-settings.", nameof(OverwriteLocalSettings));
        }

        if (FunctionsOnly && !StartFunctions)
        {
            throw new ArgumentException("--functions-only and --no-functions exclude each other.", nameof(StartFunctions));
        }

        ArgumentNullException.ThrowIfNull(Output);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
