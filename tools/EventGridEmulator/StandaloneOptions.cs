namespace KadoaBridge.EventGridEmulator;

/// <summary>What the standalone emulator runs with (<see cref="StandaloneCommand"/> reads them from the command line).</summary>
/// <param name="Port">TCP port on 127.0.0.1 (<c>--port</c>). Default 5390; 0 = a free port.</param>
/// <param name="Topics">Topics served (<c>--topic</c>, repeatable). Default one, <c>ingress</c>.</param>
/// <param name="Key">Access key of every topic (<c>--key</c>). Default <c>emulator-key</c>.</param>
/// <param name="QueueSubscriptions">Topics delivered into Storage queues (<c>--queue-subscription</c>). Default none.</param>
/// <param name="WebhookSubscriptions">Topics delivered to webhooks (<c>--webhook-subscription</c>). Default none.</param>
/// <param name="Quiet">Print no line per accepted event (<c>--quiet</c>). Default false.</param>
internal sealed record StandaloneOptions(
    int Port,
    IReadOnlyList<string> Topics,
    string Key,
    IReadOnlyList<(string Topic, StorageQueueDestination Destination)> QueueSubscriptions,
    IReadOnlyList<(string Topic, WebhookDestination Destination)> WebhookSubscriptions,
    bool Quiet)
{
    public const int DefaultPort = 5390;

    public const string DefaultTopic = "ingress";

    public const string DefaultKey = "emulator-key";

    public EventGridEmulatorOptions ToOptions()
    {
        var options = new EventGridEmulatorOptions { Port = Port };
        foreach (var topic in Topics)
        {
            options.Topics.Add(new TopicOptions { Name = topic, Key = Key });
        }

        return options;
    }
}
