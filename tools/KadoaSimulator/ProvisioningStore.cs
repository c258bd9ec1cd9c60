using System.Text.Json.Nodes;

namespace KadoaBridge.KadoaSimulator;

/// <summary>
/// The workspace's notification channels and settings, with Kadoa's rules: one WEBSOCKET channel per workspace,
/// one setting per (workflow, event type). Renders Kadoa's JSON shapes. Thread-safe.
/// </summary>
internal sealed partial class ProvisioningStore(TimeProvider time)
{
    public const string WebSocketChannelType = "WEBSOCKET";
    public const string OneWebSocketChannelMessage = "Only one WEBSOCKET channel is allowed per workspace";

    private static readonly string[] ChannelTypes = ["EMAIL", "SLACK", "WEBHOOK", WebSocketChannelType];

    private readonly Lock _gate = new();
    private readonly List<ChannelRecord> _channels = [];
    private readonly List<SettingRecord> _settings = [];

    /// <summary>Channels in creation order; with <paramref name="workflowId"/>, only those linked to that workflow's settings.</summary>
    public List<JsonObject> ListChannels(string? workflowId, bool includeConfigurations)
    {
        lock (_gate)
        {
            return [.. _channels
                .Where(c => workflowId is null || _settings.Exists(s => s.WorkflowId == workflowId && s.ChannelIds.Contains(c.Id)))
                .Select(c => RenderChannel(c, includeConfigurations))];
        }
    }

    public JsonObject? GetChannel(string id, bool includeConfigurations)
    {
        lock (_gate)
        {
            var channel = _channels.Find(c => c.Id == id);
            return channel is null ? null : RenderChannel(channel, includeConfigurations);
        }
    }

    public StoreResult CreateChannel(string? name, string? channelType, JsonNode? config)
    {
        if (Validate(name, channelType, config) is { } error)
        {
            return StoreResult.Fail(400, error);
        }

        lock (_gate)
        {
            if (channelType == WebSocketChannelType && _channels.Exists(c => c.ChannelType == WebSocketChannelType))
            {
                return StoreResult.Fail(400, OneWebSocketChannelMessage);
            }

            var channel = new ChannelRecord(NewId(), name!, channelType!, config!.DeepClone().AsObject(), time.GetUtcNow());
            _channels.Add(channel);
            return StoreResult.Ok(RenderChannel(channel, includeConfigurations: true));
        }
    }

    public StoreResult UpdateChannel(string id, string? name, string? channelType, JsonNode? config)
    {
        if (Validate(name, channelType, config) is { } error)
        {
            return StoreResult.Fail(400, error);
        }

        lock (_gate)
        {
            var channel = _channels.Find(c => c.Id == id);
            if (channel is null)
            {
                return StoreResult.Fail(404, "Channel not found");
            }

            if (channelType == WebSocketChannelType && _channels.Exists(c => c.Id != id && c.ChannelType == WebSocketChannelType))
            {
                return StoreResult.Fail(400, OneWebSocketChannelMessage);
            }

            channel.Name = name!;
            channel.ChannelType = channelType!;
            channel.Config = config!.DeepClone().AsObject();
            channel.UpdatedAt = time.GetUtcNow();
            return StoreResult.Ok(RenderChannel(channel, includeConfigurations: true));
        }
    }

    /// <summary>Removes the channel and unlinks it from every setting.</summary>
    public bool DeleteChannel(string id)
    {
        lock (_gate)
        {
            if (_channels.RemoveAll(c => c.Id == id) == 0)
            {
                return false;
            }

            foreach (var setting in _settings)
            {
                setting.ChannelIds.Remove(id);
            }

            return true;
        }
    }

    private JsonObject RenderChannel(ChannelRecord channel, bool includeConfigurations)
    {
        var rendered = new JsonObject
        {
            ["id"] = channel.Id,
            ["name"] = channel.Name,
            ["channelType"] = channel.ChannelType,
            ["config"] = channel.Config.DeepClone(),
        };
        if (includeConfigurations)
        {
            rendered["linkedConfigurations"] = new JsonArray([.. _settings
                .Where(s => s.ChannelIds.Contains(channel.Id))
                .Select(s => (JsonNode)new JsonObject
                {
                    ["configurationId"] = s.Id,
                    ["workflowId"] = s.WorkflowId,
                    ["eventType"] = s.EventType,
                    ["enabled"] = s.Enabled,
                })]);
        }

        rendered["createdAt"] = EnvelopeWriter.IsoTimestamp(channel.CreatedAt);
        rendered["updatedAt"] = EnvelopeWriter.IsoTimestamp(channel.UpdatedAt);
        return rendered;
    }

    private static string? Validate(string? name, string? channelType, JsonNode? config)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "name is required";
        }

        if (channelType is null || !ChannelTypes.Contains(channelType))
        {
            return $"channelType must be one of {string.Join(", ", ChannelTypes)}";
        }

        if (config is not JsonObject configObject)
        {
            return "config is required and must be an object";
        }

        return channelType switch
        {
            "EMAIL" when configObject["recipients"] is not JsonArray { Count: > 0 } => "config.recipients must be a non-empty array of email addresses",
            "SLACK" when HttpJson.GetString(configObject, "slackChannelId") is null || HttpJson.GetString(configObject, "slackChannelName") is null =>
                "config.slackChannelId and config.slackChannelName are required",
            "WEBHOOK" when !Uri.TryCreate(HttpJson.GetString(configObject, "webhookUrl"), UriKind.Absolute, out _)
                || HttpJson.GetString(configObject, "httpMethod") is not ("POST" or "GET" or "PUT" or "PATCH") =>
                "config.webhookUrl (absolute URL) and config.httpMethod (POST, GET, PUT, PATCH) are required",
            _ => null,
        };
    }

    private static string NewId() => Guid.NewGuid().ToString();
}
