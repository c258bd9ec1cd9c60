using System.Globalization;

namespace KadoaBridge.EventGridEmulator;

/// <summary>The standalone host's command line (see <see cref="Usage"/>).</summary>
internal sealed class StandaloneArguments
{
    public const int DefaultPort = 5390;

    public const string Usage = """
        Event Grid emulator: Azure Event Grid custom topics (CloudEvents 1.0 schema) on 127.0.0.1.

        Usage: dotnet run --project tools/EventGridEmulator -- [options]

          --port N                        TCP port on 127.0.0.1 (default 5390; 0 = any free port)
          --topic NAME                    serve a topic; repeat for more (default: one topic, "ingress")
          --key KEY                       access key of every topic (default: emulator-key)
          --queue-subscription T=CS|Q     deliver topic T's events into Storage queue Q, using connection
                                          string CS (e.g. UseDevelopmentStorage=true); repeatable
          --webhook-subscription T=URL    deliver topic T's events to a webhook URL; repeatable
          --quiet                         don't print a line per accepted event
          -h, --help                      show this help

        Publish with EventGridPublisherClient(new Uri("http://127.0.0.1:5390/topics/ingress/api/events"),
        new AzureKeyCredential("emulator-key")). Each accepted event prints "HH:mm:ss.fff topic type id subject".
        Example:
          dotnet run --project tools/EventGridEmulator -- --topic ingress --topic changes \
            --queue-subscription "ingress=UseDevelopmentStorage=true|ingress"
        """;

    public int Port { get; private set; } = DefaultPort;

    public List<string> Topics { get; } = [];

    public string Key { get; private set; } = "emulator-key";

    public List<(string Topic, StorageQueueDestination Destination)> QueueSubscriptions { get; } = [];

    public List<(string Topic, WebhookDestination Destination)> WebhookSubscriptions { get; } = [];

    public bool Quiet { get; private set; }

    public bool ShowHelp { get; private set; }

    /// <summary>Parses <paramref name="args"/>; returns null on success, else the problem.</summary>
    public static string? TryParse(IReadOnlyList<string> args, out StandaloneArguments parsed)
    {
        parsed = new StandaloneArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                parsed.ShowHelp = true;
                continue;
            }

            if (name == "--quiet")
            {
                parsed.Quiet = true;
                continue;
            }

            if (i + 1 >= args.Count)
            {
                return $"Unknown option or missing value: '{name}'.";
            }

            var value = args[++i];
            var problem = name switch
            {
                "--port" => parsed.SetPort(value),
                "--topic" => parsed.AddTopic(value),
                "--key" => parsed.SetKey(value),
                "--queue-subscription" => parsed.AddQueueSubscription(value),
                "--webhook-subscription" => parsed.AddWebhookSubscription(value),
                _ => $"Unknown option '{name}'.",
            };
            if (problem is not null)
            {
                return problem;
            }
        }

        if (parsed.Topics.Count == 0)
        {
            parsed.Topics.Add("ingress");
        }

        var result = parsed;
        var unknown = result.QueueSubscriptions.Select(s => s.Topic).Concat(result.WebhookSubscriptions.Select(s => s.Topic))
            .FirstOrDefault(t => !result.Topics.Contains(t, StringComparer.OrdinalIgnoreCase));
        return unknown is null ? null : $"A subscription names topic '{unknown}', which is not served; add --topic {unknown}.";
    }

    public EventGridEmulatorOptions ToOptions()
    {
        var options = new EventGridEmulatorOptions { Port = Port };
        foreach (var topic in Topics)
        {
            options.Topics.Add(new TopicOptions { Name = topic, Key = Key });
        }

        return options;
    }

    private static (string Topic, string Value)? SplitTopic(string value)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        return equals <= 0 || equals == value.Length - 1 ? null : (value[..equals], value[(equals + 1)..]);
    }

    private string? SetPort(string value)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            return $"--port needs a number from 0 to 65535, not '{value}'.";
        }

        Port = port;
        return null;
    }

    private string? AddTopic(string value)
    {
        Topics.Add(value);
        return null;
    }

    private string? SetKey(string value)
    {
        Key = value;
        return null;
    }

    private string? AddQueueSubscription(string value)
    {
        var bar = value.LastIndexOf('|');
        if (SplitTopic(value) is not { } split || bar < 0 || bar <= value.IndexOf('=', StringComparison.Ordinal) + 1 || bar == value.Length - 1)
        {
            return "--queue-subscription needs TOPIC=CONNECTION_STRING|QUEUE_NAME.";
        }

        var connectionString = value[(split.Topic.Length + 1)..bar];
        QueueSubscriptions.Add((split.Topic, new StorageQueueDestination(connectionString, value[(bar + 1)..])));
        return null;
    }

    private string? AddWebhookSubscription(string value)
    {
        if (SplitTopic(value) is not { } split || !Uri.TryCreate(split.Value, UriKind.Absolute, out var endpoint))
        {
            return "--webhook-subscription needs TOPIC=URL with an absolute URL.";
        }

        WebhookSubscriptions.Add((split.Topic, new WebhookDestination(endpoint)));
        return null;
    }
}
