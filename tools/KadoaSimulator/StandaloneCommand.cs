using System.CommandLine;
using KadoaBridge.CommandLine;

namespace KadoaBridge.KadoaSimulator;

/// <summary>The command line of <c>dotnet run --project tools/KadoaSimulator -- [options]</c>; <see cref="Read"/> turns it into <see cref="StandaloneOptions"/>.</summary>
internal sealed class StandaloneCommand : RootCommand
{
    private static readonly StandaloneOptions Defaults = StandaloneOptions.Defaults;

    private readonly Option<int> _port = CheckedOptions.WholeNumber("--port", "Port on 127.0.0.1 (0 = any free port).", 0, 65_535, Defaults.Port, "port");

    private readonly Option<double> _rate = CheckedOptions.Number("--rate", "workflow_data_change events emitted per second (0 = none).", min: 0, defaultValue: Defaults.Rate, helpName: "n");

    private readonly Option<int> _workflows = CheckedOptions.WholeNumber("--workflows", "Workflows the events rotate over, wf-sim-0001..N.", 1, 10_000, Defaults.Workflows, "n");

    private readonly Option<int> _heartbeatSeconds = CheckedOptions.WholeNumber("--heartbeat-seconds", "Seconds between heartbeats.", 1, 3600, Defaults.HeartbeatSeconds, "s");

    private readonly Option<string> _apiKey = CheckedOptions.NonEmptyText("--api-key", "The API key the simulator accepts.", Defaults.ApiKey, "key");

    private readonly Option<string> _team = CheckedOptions.NonEmptyText("--team", "The team id of that key.", Defaults.TeamId, "id");

    public StandaloneCommand()
        : base("Kadoa simulator: Kadoa's realtime feed and provisioning REST API on 127.0.0.1. Prints the URLs and the API key, then emits workflow_data_change events until Ctrl+C.")
    {
        Options.Add(_port);
        Options.Add(_rate);
        Options.Add(_workflows);
        Options.Add(_heartbeatSeconds);
        Options.Add(_apiKey);
        Options.Add(_team);
    }

    public StandaloneOptions Read(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return new(
            parseResult.GetValue(_port),
            parseResult.GetValue(_rate),
            parseResult.GetValue(_workflows),
            parseResult.GetValue(_heartbeatSeconds),
            parseResult.GetRequiredValue(_apiKey),
            parseResult.GetRequiredValue(_team));
    }
}
