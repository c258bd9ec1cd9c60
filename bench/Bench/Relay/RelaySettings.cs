namespace KadoaBridge.Bench.Relay;

/// <summary>Where <see cref="MinimalRelay"/> reads from and publishes to, from <c>RELAY_*</c> environment variables (the key stays off the command line).</summary>
public sealed record RelaySettings(
    Uri ApiBaseUrl, string ApiKey, Uri RealtimeUrl, Uri RealtimeHttpUrl, Uri TopicEndpoint, string TopicKey, string CursorFile)
{
    public static RelaySettings FromEnvironment() => new(
        new Uri(Read("RELAY_API_BASE_URL")),
        Read("RELAY_API_KEY"),
        new Uri(Read("RELAY_REALTIME_URL")),
        new Uri(Read("RELAY_REALTIME_HTTP_URL")),
        new Uri(Read("RELAY_TOPIC_ENDPOINT")),
        Read("RELAY_TOPIC_KEY"),
        Read("RELAY_CURSOR_FILE"));

    /// <summary>The variables <see cref="FromEnvironment"/> reads, for the process that starts the relay.</summary>
    public IReadOnlyDictionary<string, string> ToEnvironment() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["RELAY_API_BASE_URL"] = ApiBaseUrl.AbsoluteUri,
        ["RELAY_API_KEY"] = ApiKey,
        ["RELAY_REALTIME_URL"] = RealtimeUrl.AbsoluteUri,
        ["RELAY_REALTIME_HTTP_URL"] = RealtimeHttpUrl.AbsoluteUri,
        ["RELAY_TOPIC_ENDPOINT"] = TopicEndpoint.AbsoluteUri,
        ["RELAY_TOPIC_KEY"] = TopicKey,
        ["RELAY_CURSOR_FILE"] = CursorFile,
    };

    /// <summary>Keeps the keys out of output.</summary>
    public override string ToString() => $"RelaySettings {{ RealtimeUrl = {RealtimeUrl}, TopicEndpoint = {TopicEndpoint} }}";

    private static string Read(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : throw new InvalidOperationException($"side relay needs {name} in the environment.");
}
