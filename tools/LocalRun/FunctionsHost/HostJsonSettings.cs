using System.Globalization;
using System.Text.Json;
using Azure.Storage.Queues;

namespace KadoaBridge.LocalRun.FunctionsHost;

/// <summary>
/// The parts of the Functions app's host.json the local host honours, with the Functions host's defaults for what
/// host.json leaves out (https://learn.microsoft.com/azure/azure-functions/functions-host-json).
/// </summary>
/// <param name="RoutePrefix"><c>extensions.http.routePrefix</c>. Default <c>api</c>.</param>
/// <param name="MaxDequeueCount"><c>extensions.queues.maxDequeueCount</c>: attempts before a message moves to <c>{queue}-poison</c>. Default 5.</param>
/// <param name="VisibilityTimeout"><c>extensions.queues.visibilityTimeout</c>: how long a failed message stays invisible. Default 0.</param>
/// <param name="BatchSize"><c>extensions.queues.batchSize</c>: messages received and run at once per queue. Default 16.</param>
/// <param name="MessageEncoding"><c>extensions.queues.messageEncoding</c>. Default base64.</param>
/// <param name="MaxPollingInterval"><c>extensions.queues.maxPollingInterval</c>: longest wait between polls of an empty queue. Default 1 min, as in the host.</param>
internal sealed record HostJsonSettings(
    string RoutePrefix,
    int MaxDequeueCount,
    TimeSpan VisibilityTimeout,
    int BatchSize,
    QueueMessageEncoding MessageEncoding,
    TimeSpan MaxPollingInterval)
{
    /// <summary>
    /// How long a received message stays invisible while it runs: not in host.json (the Functions host renews its own
    /// lease; one run here is far shorter). It is also how long the messages of a killed host stay away. Default 5 min.
    /// </summary>
    public TimeSpan RunVisibility { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// <c>extensions.queues.newBatchThreshold</c>: when the messages still running drop to this many, the next batch is
    /// fetched, so up to <see cref="BatchSize"/> + this run at once. Default half the batch size (the host's, per vCPU).
    /// </summary>
    public int NewBatchThreshold { get; init; } = 8;

    public static HostJsonSettings Defaults { get; } = new("api", 5, TimeSpan.Zero, 16, QueueMessageEncoding.Base64, TimeSpan.FromMinutes(1));

    /// <summary>host.json beside the running program (the Functions project copies it to every output that references it), else the defaults.</summary>
    public static HostJsonSettings Load(string path)
    {
        if (!File.Exists(path))
        {
            return Defaults;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var extensions = Property(document.RootElement, "extensions");
        var http = extensions is { } e ? Property(e, "http") : null;
        var queues = extensions is { } x ? Property(x, "queues") : null;
        var batchSize = queues is { } q0 && Property(q0, "batchSize") is { ValueKind: JsonValueKind.Number } size ? Math.Clamp(size.GetInt32(), 1, 32) : Defaults.BatchSize;
        return new HostJsonSettings(
            (http is { } h ? Text(h, "routePrefix") : null) ?? Defaults.RoutePrefix,
            queues is { } q1 && Property(q1, "maxDequeueCount") is { ValueKind: JsonValueKind.Number } max ? max.GetInt32() : Defaults.MaxDequeueCount,
            queues is { } q2 && Text(q2, "visibilityTimeout") is { } visibility ? TimeSpan.Parse(visibility, CultureInfo.InvariantCulture) : Defaults.VisibilityTimeout,
            batchSize,
            queues is { } q4 && Text(q4, "messageEncoding") is { } encoding && encoding.Equals("none", StringComparison.OrdinalIgnoreCase) ? QueueMessageEncoding.None : Defaults.MessageEncoding,
            queues is { } q5 && Text(q5, "maxPollingInterval") is { } polling ? TimeSpan.Parse(polling, CultureInfo.InvariantCulture) : Defaults.MaxPollingInterval)
        {
            NewBatchThreshold = queues is { } q6 && Property(q6, "newBatchThreshold") is { ValueKind: JsonValueKind.Number } threshold ? Math.Max(0, threshold.GetInt32()) : batchSize / 2,
        };
    }

    private static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        // host.json property names are case-insensitive in the Functions host.
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static string? Text(JsonElement element, string name) => Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
}
