using System.CommandLine;
using System.CommandLine.Parsing;
using KadoaBridge.CommandLine;

namespace KadoaBridge.EventGridEmulator;

/// <summary>The command line of <c>dotnet run --project tools/EventGridEmulator -- [options]</c>; <see cref="Read"/> turns it into <see cref="StandaloneOptions"/>.</summary>
internal sealed class StandaloneCommand : RootCommand
{
    private const string Summary = """
        Event Grid emulator: Azure Event Grid custom topics (CloudEvents 1.0 schema) on 127.0.0.1.

        Publish with EventGridPublisherClient(new Uri("http://127.0.0.1:5390/topics/ingress/api/events"),
        new AzureKeyCredential("emulator-key")). Each accepted event prints "HH:mm:ss.fff topic type id subject".
        Example:
          dotnet run --project tools/EventGridEmulator -- --topic ingress --topic changes \
            --queue-subscription "ingress=UseDevelopmentStorage=true|ingress"
        """;

    private readonly Option<int> _port = CheckedOptions.WholeNumber(
        "--port", "TCP port on 127.0.0.1 (0 = any free port).", 0, 65_535, StandaloneOptions.DefaultPort, "N");

    private readonly Option<List<string>> _topics = new("--topic")
    {
        Description = $"Serve a topic; repeat for more (default: one topic, \"{StandaloneOptions.DefaultTopic}\").",
        HelpName = "NAME",
    };

    private readonly Option<string> _key = new("--key")
    {
        Description = "Access key of every topic.",
        HelpName = "KEY",
        DefaultValueFactory = _ => StandaloneOptions.DefaultKey,
    };

    private readonly Option<List<(string Topic, StorageQueueDestination Destination)>> _queueSubscriptions;

    private readonly Option<List<(string Topic, WebhookDestination Destination)>> _webhookSubscriptions;

    private readonly Option<bool> _quiet = new("--quiet") { Description = "Don't print a line per accepted event." };

    public StandaloneCommand()
        : base(Summary)
    {
        _queueSubscriptions = new("--queue-subscription")
        {
            Description = "Deliver topic T's events into Storage queue Q, using connection string CS (e.g. UseDevelopmentStorage=true); repeatable.",
            HelpName = "T=CS|Q",
            CustomParser = result => Subscriptions(result, "--queue-subscription needs TOPIC=CONNECTION_STRING|QUEUE_NAME.", QueueDestination),
        };
        _webhookSubscriptions = new("--webhook-subscription")
        {
            Description = "Deliver topic T's events to a webhook URL; repeatable.",
            HelpName = "T=URL",
            CustomParser = result => Subscriptions(result, "--webhook-subscription needs TOPIC=URL with an absolute URL.", WebhookDestination),
        };
        Options.Add(_port);
        Options.Add(_topics);
        Options.Add(_key);
        Options.Add(_queueSubscriptions);
        Options.Add(_webhookSubscriptions);
        Options.Add(_quiet);
    }

    public StandaloneOptions Read(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return new(
            parseResult.GetValue(_port),
            Topics(parseResult.GetValue(_topics)),
            parseResult.GetRequiredValue(_key),
            parseResult.GetValue(_queueSubscriptions) ?? [],
            parseResult.GetValue(_webhookSubscriptions) ?? [],
            parseResult.GetValue(_quiet));
    }

    private static List<string> Topics(List<string>? given) => given is { Count: > 0 } ? given : [StandaloneOptions.DefaultTopic];

    /// <summary>Each <c>TOPIC=VALUE</c> of a subscription option, for a topic that <c>--topic</c> serves.</summary>
    private List<(string Topic, T Destination)> Subscriptions<T>(ArgumentResult result, string format, Func<string, T?> destination)
        where T : class
    {
        var served = Topics(result.GetValue(_topics));
        List<(string, T)> subscriptions = [];
        foreach (var token in result.Tokens)
        {
            var equals = token.Value.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || destination(token.Value[(equals + 1)..]) is not { } parsed)
            {
                result.AddError(format);
                continue;
            }

            var topic = token.Value[..equals];
            if (!served.Contains(topic, StringComparer.OrdinalIgnoreCase))
            {
                result.AddError($"A subscription names topic '{topic}', which is not served; add --topic {topic}.");
                continue;
            }

            subscriptions.Add((topic, parsed));
        }

        return subscriptions;
    }

    /// <summary><c>CONNECTION_STRING|QUEUE_NAME</c>, split at the last bar (a connection string has none, but has '=' and ';').</summary>
    private static StorageQueueDestination? QueueDestination(string value)
    {
        var bar = value.LastIndexOf('|');
        return bar <= 0 || bar == value.Length - 1 ? null : new StorageQueueDestination(value[..bar], value[(bar + 1)..]);
    }

    private static WebhookDestination? WebhookDestination(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var endpoint) ? new WebhookDestination(endpoint) : null;
}
