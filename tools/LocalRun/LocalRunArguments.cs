using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace KadoaBridge.LocalRun;

/// <summary>The command line of <c>dotnet run --project tools/LocalRun -- [options]</c>.</summary>
internal static class LocalRunArguments
{
    public const string Usage = """
        Runs the whole bridge locally: Azurite, the Kadoa simulator (or the real Kadoa), the Event Grid emulator,
        the listener, the Functions app and the Aspire dashboard, and prints every event as it reaches a topic.

        Usage: dotnet run --project tools/LocalRun -- [options]

          --rate <n>             simulated workflow_data_change events per second (default 1; 0 = none)
          --workflows <n>        workflows the events rotate over, wf-1..wf-n (default 3)
          --no-simulator-events  start the simulator but emit nothing (trigger events yourself)
          --port-api <port>      port of the Functions API on 127.0.0.1 (default 7071; 0 = any free port)
          --port-listener <port> port of the listener's health endpoints (default 5080; 0 = any free port)
          --no-dashboard         do not start the Aspire dashboard (traces, metrics and logs of both apps)
          --verbose              log the apps at Information (default Warning)
          --no-functions         start everything except the Functions app (host it yourself with func start in src/Functions)
          --write-local-settings [path]  implies --no-functions; writes the Functions app's settings for this run to path
                                 (default src/Functions/local.settings.json) for func start; refuses to replace a file
          --force                with --write-local-settings: replace an existing file
          --functions-only       run only the Functions app, configured from the environment (Storage__ConnectionString
                                 required, Routing__*, Kadoa__*), and print "Functions API: <url>"; starts nothing else
          --redrive-interval <s> with --functions-only: also redrive failed deliveries every s seconds (default: only the
                                 timer's every minute)
          --queue-retry-delay <s> how long a failed queue message stays invisible (default host.json's visibilityTimeout)
          --queue-run-visibility <s> with --functions-only: how long a running message stays invisible, so also how long
                                 a killed host's messages stay away (default 300)
          -h, --help             show this help

        Environment:
          Kadoa__ApiKey              use the real Kadoa with this key instead of the simulator
          Storage__ConnectionString  use this storage account instead of starting Azurite
          Routing__*, Kadoa__*, ...  any other setting of the listener or the Functions app
        """;

    /// <summary>Where <c>func start</c> in src/Functions looks, relative to the repository root (where the README's commands run).</summary>
    public const string DefaultLocalSettingsPath = "src/Functions/local.settings.json";

    /// <summary>Reads <paramref name="args"/> over <paramref name="options"/>. False with a message naming the bad option.</summary>
    public static bool TryParse(IReadOnlyList<string> args, LocalRunOptions options, out bool showHelp, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(options);
        showHelp = false;
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = Split(args[i]);
            switch (name)
            {
                case "-h" or "--help":
                    showHelp = true;
                    break;
                case "--no-simulator-events":
                    options.EmitSimulatorEvents = false;
                    break;
                case "--no-dashboard":
                    options.StartDashboard = false;
                    break;
                case "--verbose":
                    options.Verbose = true;
                    break;
                case "--functions-only":
                    options.FunctionsOnly = true;
                    break;
                case "--no-functions":
                    options.StartFunctions = false;
                    break;
                case "--force":
                    options.OverwriteLocalSettings = true;
                    break;
                case "--write-local-settings":
                    // The path is optional: the next argument is it unless it is another option.
                    options.StartFunctions = false;
                    options.LocalSettingsPath = inlineValue
                        ?? (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : DefaultLocalSettingsPath);
                    if (options.LocalSettingsPath.Length == 0)
                    {
                        error = "--write-local-settings needs a file path when given with '='.";
                        return false;
                    }

                    break;
                case "--redrive-interval" or "--queue-retry-delay" or "--queue-run-visibility":
                    if (!TryValue(args, ref i, inlineValue, out var secondsText, out error))
                    {
                        return false;
                    }

                    if (!double.TryParse(secondsText, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !double.IsFinite(seconds) || seconds <= 0 || seconds > 3600)
                    {
                        error = $"{name} must be a number of seconds above 0, at most 3600 (got '{secondsText}').";
                        return false;
                    }

                    if (name == "--redrive-interval")
                    {
                        options.RedriveInterval = TimeSpan.FromSeconds(seconds);
                    }
                    else if (name == "--queue-retry-delay")
                    {
                        options.QueueRetryDelay = TimeSpan.FromSeconds(seconds);
                    }
                    else
                    {
                        options.QueueRunVisibility = TimeSpan.FromSeconds(seconds);
                    }

                    break;
                case "--rate":
                    if (!TryValue(args, ref i, inlineValue, out var rateText, out error))
                    {
                        return false;
                    }

                    if (!double.TryParse(rateText, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || !double.IsFinite(rate) || rate < 0)
                    {
                        error = $"--rate must be a number of events per second, 0 or more (got '{rateText}').";
                        return false;
                    }

                    options.Rate = rate;
                    break;
                case "--workflows" or "--port-api" or "--port-listener":
                    if (!TryValue(args, ref i, inlineValue, out var text, out error))
                    {
                        return false;
                    }

                    var (min, max) = name == "--workflows" ? (1, 10_000) : (0, 65_535);
                    if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
                    {
                        error = $"{name} must be a whole number from {min} to {max} (got '{text}').";
                        return false;
                    }

                    if (name == "--workflows")
                    {
                        options.Workflows = number;
                    }
                    else if (name == "--port-api")
                    {
                        options.ApiPort = number;
                    }
                    else
                    {
                        options.ListenerPort = number;
                    }

                    break;
                default:
                    error = $"Unknown option '{args[i]}'.";
                    return false;
            }
        }

        return true;
    }

    private static (string Name, string? Value) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 2 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }

    private static bool TryValue(IReadOnlyList<string> args, ref int index, string? inlineValue, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (inlineValue is not null)
        {
            value = inlineValue;
            return true;
        }

        if (index + 1 < args.Count && !args[index + 1].StartsWith("--", StringComparison.Ordinal))
        {
            value = args[++index];
            return true;
        }

        value = null;
        error = $"{args[index]} needs a value.";
        return false;
    }
}
