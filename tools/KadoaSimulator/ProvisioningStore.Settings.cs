using System.Text.Json.Nodes;

namespace KadoaBridge.KadoaSimulator;

internal sealed partial class ProvisioningStore
{
    /// <summary>
    /// Settings in creation order. <paramref name="workflowIds"/>: null = all; otherwise the workflow ids to keep,
    /// a null entry standing for workspace-level settings (Kadoa's <c>workflowId=null</c>).
    /// </summary>
    public List<JsonObject> ListSettings(HashSet<string?>? workflowIds, string? eventType)
    {
        lock (_gate)
        {
            return [.. _settings
                .Where(s => workflowIds is null || (s.WorkflowId is null ? workflowIds.Contains(null) : workflowIds.Contains(s.WorkflowId)))
                .Where(s => eventType is null || s.EventType == eventType)
                .Select(RenderSetting)];
        }
    }

    public JsonObject? GetSetting(string id)
    {
        lock (_gate)
        {
            var setting = _settings.Find(s => s.Id == id);
            return setting is null ? null : RenderSetting(setting);
        }
    }

    public StoreResult CreateSetting(string? workflowId, string? eventType, JsonNode? eventConfiguration, JsonNode? enabled, JsonNode? channelIds)
    {
        if (!EventTypeCatalog.IsKnown(eventType))
        {
            return StoreResult.Fail(400, $"eventType must be one of {string.Join(", ", EventTypeCatalog.Names)}");
        }

        if (eventConfiguration is not JsonObject configuration)
        {
            return StoreResult.Fail(400, "eventConfiguration is required and must be an object ({} for now)");
        }

        if (!TryReadFlag(enabled, out var isEnabled) || !TryReadIds(channelIds, out var ids))
        {
            return StoreResult.Fail(400, "enabled must be a boolean and channelIds an array of channel id strings");
        }

        lock (_gate)
        {
            if (MissingChannel(ids) is { } missing)
            {
                return StoreResult.Fail(400, $"Channel not found: {missing}");
            }

            if (_settings.Exists(s => s.WorkflowId == workflowId && s.EventType == eventType))
            {
                return StoreResult.Fail(400, DuplicateMessage(workflowId));
            }

            var setting = new SettingRecord(NewId(), workflowId, eventType!, configuration.DeepClone().AsObject(), isEnabled ?? true, ids, time.GetUtcNow());
            _settings.Add(setting);
            return StoreResult.Ok(RenderSetting(setting));
        }
    }

    /// <summary>Partial update: only the fields present in <paramref name="body"/> change.</summary>
    public StoreResult UpdateSetting(string id, JsonObject body)
    {
        var eventType = body["eventType"] is null ? null : HttpJson.GetString(body, "eventType");
        if (body["eventType"] is not null && !EventTypeCatalog.IsKnown(eventType))
        {
            return StoreResult.Fail(400, $"eventType must be one of {string.Join(", ", EventTypeCatalog.Names)}");
        }

        if (body["eventConfiguration"] is not (null or JsonObject))
        {
            return StoreResult.Fail(400, "eventConfiguration must be an object");
        }

        if (!TryReadFlag(body["enabled"], out var enabled) || !TryReadIds(body["channelIds"], out var ids))
        {
            return StoreResult.Fail(400, "enabled must be a boolean and channelIds an array of channel id strings");
        }

        lock (_gate)
        {
            var setting = _settings.Find(s => s.Id == id);
            if (setting is null)
            {
                return StoreResult.Fail(404, "Settings not found");
            }

            if (MissingChannel(ids) is { } missing)
            {
                return StoreResult.Fail(400, $"Channel not found: {missing}");
            }

            if (eventType is not null && _settings.Exists(s => s.Id != id && s.WorkflowId == setting.WorkflowId && s.EventType == eventType))
            {
                return StoreResult.Fail(400, DuplicateMessage(setting.WorkflowId));
            }

            setting.EventType = eventType ?? setting.EventType;
            if (body["eventConfiguration"] is JsonObject configuration)
            {
                setting.EventConfiguration = configuration.DeepClone().AsObject();
            }

            setting.Enabled = enabled ?? setting.Enabled;
            if (body["channelIds"] is not null)
            {
                setting.ChannelIds = ids;
            }

            setting.UpdatedAt = time.GetUtcNow();
            return StoreResult.Ok(RenderSetting(setting));
        }
    }

    public bool DeleteSetting(string id)
    {
        lock (_gate)
        {
            return _settings.RemoveAll(s => s.Id == id) > 0;
        }
    }

    private JsonObject RenderSetting(SettingRecord setting) => new()
    {
        ["id"] = setting.Id,
        ["workflowId"] = setting.WorkflowId,
        ["eventType"] = setting.EventType,
        ["eventConfiguration"] = setting.EventConfiguration.DeepClone(),
        ["enabled"] = setting.Enabled,
        ["channels"] = new JsonArray([.. setting.ChannelIds
            .Select(id => _channels.Find(c => c.Id == id))
            .OfType<ChannelRecord>()
            .Select(c => (JsonNode)new JsonObject { ["id"] = c.Id, ["name"] = c.Name, ["channelType"] = c.ChannelType })]),
        ["createdAt"] = EnvelopeWriter.IsoTimestamp(setting.CreatedAt),
        ["updatedAt"] = EnvelopeWriter.IsoTimestamp(setting.UpdatedAt),
    };

    private string? MissingChannel(List<string> ids) => ids.Find(id => !_channels.Exists(c => c.Id == id));

    private static string DuplicateMessage(string? workflowId) => workflowId is null
        ? "Notification settings for this event type already exist at workspace level"
        : $"Notification settings for this event type already exist for workflow {workflowId}";

    /// <summary>Reads an optional boolean: true with null when absent, false when present but not a boolean.</summary>
    private static bool TryReadFlag(JsonNode? node, out bool? flag)
    {
        flag = null;
        if (node is null)
        {
            return true;
        }

        if (node is JsonValue value && value.TryGetValue<bool>(out var parsed))
        {
            flag = parsed;
            return true;
        }

        return false;
    }

    private static bool TryReadIds(JsonNode? node, out List<string> ids)
    {
        ids = [];
        if (node is null)
        {
            return true;
        }

        if (node is not JsonArray array)
        {
            return false;
        }

        foreach (var item in array)
        {
            if (item is not JsonValue value || !value.TryGetValue<string>(out var id) || id.Length == 0)
            {
                return false;
            }

            if (!ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        return true;
    }
}
