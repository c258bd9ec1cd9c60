using System.CommandLine;
using KadoaBridge.CommandLine;

namespace KadoaBridge.LocalRun;

/// <summary>
/// The command line of <c>dotnet run --project tools/LocalRun -- [options]</c>. <see cref="ApplyTo"/> lays what it says
/// over the options the environment asks for; the defaults shown in <c>--help</c> are <see cref="LocalRunOptions"/>'s.
/// </summary>
internal sealed class LocalRunCommand : RootCommand
{
    /// <summary>Where <c>func start</c> in src/Functions looks, relative to the repository root (where the README's commands run).</summary>
    public const string DefaultLocalSettingsPath = "src/Functions/local.settings.json";

    private const string Summary = """
        Runs the whole bridge locally: Azurite, the Kadoa simulator (or the real Kadoa), the Event Grid emulator,
        the listener, the Functions app and the Aspire dashboard, and prints every event as it reaches a topic.

        Environment:
          Kadoa__ApiKey              use the real Kadoa with this key instead of the simulator
          Storage__ConnectionString  use this storage account instead of starting Azurite
          Routing__*, Kadoa__*, ...  any other setting of the listener or the Functions app
        """;

    private static readonly LocalRunOptions Defaults = new();

    private readonly Option<double> _rate = CheckedOptions.Number(
        "--rate", "Simulated workflow_data_change events per second (0 = none).", min: 0, defaultValue: Defaults.Rate, helpName: "n");

    private readonly Option<int> _workflows = CheckedOptions.WholeNumber(
        "--workflows", "Workflows the events rotate over, wf-1..wf-n.", 1, 10_000, Defaults.Workflows, "n");

    private readonly Option<bool> _noSimulatorEvents = new("--no-simulator-events") { Description = "Start the simulator but emit nothing (trigger events yourself)." };

    private readonly Option<int> _apiPort = CheckedOptions.WholeNumber(
        "--port-api", "Port of the Functions API on 127.0.0.1 (0 = any free port).", 0, 65_535, Defaults.ApiPort, "port");

    private readonly Option<int> _listenerPort = CheckedOptions.WholeNumber(
        "--port-listener", "Port of the listener's health endpoints (0 = any free port).", 0, 65_535, Defaults.ListenerPort, "port");

    private readonly Option<bool> _noDashboard = new("--no-dashboard") { Description = "Do not start the Aspire dashboard (traces, metrics and logs of both apps)." };

    private readonly Option<bool> _verbose = new("--verbose") { Description = "Log the apps at Information (default Warning)." };

    private readonly Option<bool> _noFunctions = new("--no-functions")
    {
        Description = "Start everything except the Functions app (host it yourself with func start in src/Functions).",
    };

    private readonly Option<string> _writeLocalSettings = new("--write-local-settings")
    {
        Description = $"Implies --no-functions; writes the Functions app's settings for this run to path (default {DefaultLocalSettingsPath}) for func start; refuses to replace a file.",
        HelpName = "path",
        Arity = ArgumentArity.ZeroOrOne, // the path is optional: the next argument is it unless it is another option
        CustomParser = result =>
        {
            if (result.Tokens.Count == 0)
            {
                return DefaultLocalSettingsPath;
            }

            if (result.Tokens[0].Value.Length == 0)
            {
                result.AddError("--write-local-settings needs a file path, not an empty one.");
            }

            return result.Tokens[0].Value;
        },
    };

    private readonly Option<bool> _force = new("--force") { Description = "With --write-local-settings: replace an existing file." };

    private readonly Option<bool> _functionsOnly = new("--functions-only")
    {
        Description = "Run only the Functions app, configured from the environment (Storage__ConnectionString required, Routing__*, Kadoa__*), and print \"Functions API: <url>\"; starts nothing else.",
    };

    private readonly Option<double> _redriveInterval = Seconds(
        "--redrive-interval", "With --functions-only: also redrive failed deliveries every s seconds (default: only the timer's every minute).");

    private readonly Option<double> _queueRetryDelay = Seconds(
        "--queue-retry-delay", "How long a failed queue message stays invisible, in seconds (default host.json's visibilityTimeout).");

    private readonly Option<double> _queueRunVisibility = Seconds(
        "--queue-run-visibility", "With --functions-only: how long a running message stays invisible, so also how long a killed host's messages stay away, in seconds (default 300).");

    public LocalRunCommand()
        : base(Summary)
    {
        Option[] options =
        [
            _rate, _workflows, _noSimulatorEvents, _apiPort, _listenerPort, _noDashboard, _verbose, _noFunctions, _writeLocalSettings,
            _force, _functionsOnly, _redriveInterval, _queueRetryDelay, _queueRunVisibility,
        ];
        foreach (var option in options)
        {
            Options.Add(option);
        }
    }

    /// <summary>Writes what <paramref name="parseResult"/> says into <paramref name="options"/> and returns them; <see cref="LocalRunOptions.Validate"/> checks the combination.</summary>
    public LocalRunOptions ApplyTo(ParseResult parseResult, LocalRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(options);
        options.Rate = parseResult.GetValue(_rate);
        options.Workflows = parseResult.GetValue(_workflows);
        options.EmitSimulatorEvents = !parseResult.GetValue(_noSimulatorEvents);
        options.ApiPort = parseResult.GetValue(_apiPort);
        options.ListenerPort = parseResult.GetValue(_listenerPort);
        options.StartDashboard = !parseResult.GetValue(_noDashboard);
        options.Verbose = parseResult.GetValue(_verbose);
        options.LocalSettingsPath = parseResult.GetValue(_writeLocalSettings);
        options.StartFunctions = !parseResult.GetValue(_noFunctions) && options.LocalSettingsPath is null;
        options.OverwriteLocalSettings = parseResult.GetValue(_force);
        options.FunctionsOnly = parseResult.GetValue(_functionsOnly);
        options.RedriveInterval = SecondsOrNull(parseResult, _redriveInterval);
        options.QueueRetryDelay = SecondsOrNull(parseResult, _queueRetryDelay);
        options.QueueRunVisibility = SecondsOrNull(parseResult, _queueRunVisibility);
        return options;
    }

    private static Option<double> Seconds(string name, string description) =>
        CheckedOptions.Number(name, description, min: 0, max: 3600, aboveMin: true, helpName: "s");

    private static TimeSpan? SecondsOrNull(ParseResult parseResult, Option<double> option) =>
        parseResult.GetResult(option) is null ? null : TimeSpan.FromSeconds(parseResult.GetValue(option));
}
