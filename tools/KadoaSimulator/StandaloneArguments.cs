using System.Globalization;

namespace KadoaBridge.KadoaSimulator;

/// <summary>Command line of the standalone simulator.</summary>
internal sealed record StandaloneArguments(int Port, double Rate, int Workflows, int HeartbeatSeconds, string ApiKey, string TeamId)
{
    public const string Usage =
        "Usage: dotnet run --project tools/KadoaSimulator -- [--port 5380] [--rate 2] [--workflows 3] [--heartbeat-seconds 15] [--api-key sim-key] [--team team-sim]";

    public static bool TryParse(string[] args, out StandaloneArguments parsed, out string? error)
    {
        var result = new StandaloneArguments(5380, 2, 3, 15, "sim-key", "team-sim");
        parsed = result;
        error = null;
        for (var i = 0; i < args.Length; i += 2)
        {
            var name = args[i];
            if (i + 1 >= args.Length)
            {
                error = $"Missing value after {name}.";
                return false;
            }

            var value = args[i + 1];
            StandaloneArguments? next = name switch
            {
                "--port" => TryInt(value, 0, 65535, out var port) ? result with { Port = port } : null,
                "--rate" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate >= 0 && double.IsFinite(rate)
                    ? result with { Rate = rate }
                    : null,
                "--workflows" => TryInt(value, 1, 10_000, out var workflows) ? result with { Workflows = workflows } : null,
                "--heartbeat-seconds" => TryInt(value, 1, 3600, out var seconds) ? result with { HeartbeatSeconds = seconds } : null,
                "--api-key" when value.Length > 0 => result with { ApiKey = value },
                "--team" when value.Length > 0 => result with { TeamId = value },
                _ => null,
            };
            if (next is null)
            {
                error = $"Invalid option or value: {name} {value}";
                return false;
            }

            result = next;
        }

        parsed = result;
        return true;
    }

    private static bool TryInt(string text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
}
