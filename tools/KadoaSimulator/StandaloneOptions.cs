namespace KadoaBridge.KadoaSimulator;

/// <summary>What the standalone simulator runs with (<see cref="StandaloneCommand"/> reads them from the command line).</summary>
/// <param name="Port">Port on 127.0.0.1 (<c>--port</c>). Default 5380; 0 = a free port.</param>
/// <param name="Rate">Emitted <c>workflow_data_change</c> events per second (<c>--rate</c>). Default 2; 0 = none.</param>
/// <param name="Workflows">Workflows the events rotate over (<c>--workflows</c>). Default 3.</param>
/// <param name="HeartbeatSeconds">Seconds between heartbeats (<c>--heartbeat-seconds</c>). Default 15.</param>
/// <param name="ApiKey">The API key accepted (<c>--api-key</c>). Default <c>sim-key</c>.</param>
/// <param name="TeamId">The team of that key (<c>--team</c>). Default <c>team-sim</c>.</param>
internal sealed record StandaloneOptions(int Port, double Rate, int Workflows, int HeartbeatSeconds, string ApiKey, string TeamId)
{
    public static StandaloneOptions Defaults { get; } = new(5380, 2, 3, 15, "sim-key", "team-sim");
}
