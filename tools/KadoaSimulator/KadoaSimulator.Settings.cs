using System.Text.Json.Nodes;

namespace KadoaBridge.KadoaSimulator;

public sealed partial class KadoaSimulator
{
    /// <summary>The workspace's notification settings in Kadoa's JSON shape, <c>channels</c> resolved (snapshot).</summary>
    public IReadOnlyList<JsonObject> Settings => _provisioning.ListSettings(workflowIds: null, eventType: null);

    /// <summary>
    /// Creates a setting as if it existed before the test (same rules as <c>POST /v5/notifications/settings</c>:
    /// known event type, existing channels, one setting per workflow and event type). Returns the setting id.
    /// </summary>
    /// <param name="eventType">One of Kadoa's event types, e.g. <c>workflow_data_change</c>.</param>
    /// <param name="channelIds">Channels the setting routes to (create them with <see cref="SeedChannel"/>).</param>
    /// <param name="workflowId">Workflow id; null = workspace level. Default: null.</param>
    /// <param name="enabled">Default: true.</param>
    public string SeedSetting(string eventType, IEnumerable<string> channelIds, string? workflowId = null, bool enabled = true)
    {
        ArgumentNullException.ThrowIfNull(channelIds);
        var ids = new JsonArray([.. channelIds.Select(id => (JsonNode)id)]);
        var result = _provisioning.CreateSetting(workflowId, eventType, new JsonObject(), enabled, ids);
        return result.Value?["id"]?.GetValue<string>() ?? throw new InvalidOperationException(result.Error);
    }

    private async Task HandleListSettingsAsync(HttpContext context)
    {
        if (!await AuthorizeAsync(context))
        {
            return;
        }

        var eventType = QueryValue(context, "eventType");
        if (eventType is not null && !EventTypeCatalog.IsKnown(eventType))
        {
            await HttpJson.ErrorAsync(context, StatusCodes.Status400BadRequest, $"eventType must be one of {string.Join(", ", EventTypeCatalog.Names)}");
            return;
        }

        // workflowId: one id, comma-separated ids, or "null" for workspace-level settings.
        HashSet<string?>? workflowIds = null;
        if (QueryValue(context, "workflowId") is { } workflowFilter)
        {
            workflowIds = [.. workflowFilter
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(id => id == "null" ? null : id)];
        }

        var settings = _provisioning.ListSettings(workflowIds, eventType);
        var data = new JsonObject { ["settings"] = new JsonArray([.. settings]) };
        await HttpJson.SuccessAsync(context, StatusCodes.Status200OK, data, "Settings retrieved successfully");
    }

    private async Task HandleGetSettingAsync(HttpContext context)
    {
        if (!await AuthorizeAsync(context))
        {
            return;
        }

        var setting = _provisioning.GetSetting(RouteId(context));
        await (setting is null
            ? HttpJson.ErrorAsync(context, StatusCodes.Status404NotFound, "Settings not found")
            : HttpJson.SuccessAsync(context, StatusCodes.Status200OK, new JsonObject { ["settings"] = setting }, "Settings retrieved successfully"));
    }

    private async Task HandleCreateSettingAsync(HttpContext context)
    {
        if (await ReadAuthorizedBodyAsync(context) is not { } body)
        {
            return;
        }

        if (body["workflowId"] is not null && string.IsNullOrEmpty(HttpJson.GetString(body, "workflowId")))
        {
            await HttpJson.ErrorAsync(context, StatusCodes.Status400BadRequest, "workflowId must be a non-empty string when present");
            return;
        }

        var result = _provisioning.CreateSetting(
            HttpJson.GetString(body, "workflowId"), HttpJson.GetString(body, "eventType"), body["eventConfiguration"], body["enabled"], body["channelIds"]);
        await WriteStoreResultAsync(context, result, "settings", StatusCodes.Status201Created, "Settings created successfully");
    }

    private async Task HandleUpdateSettingAsync(HttpContext context)
    {
        if (await ReadAuthorizedBodyAsync(context) is not { } body)
        {
            return;
        }

        var result = _provisioning.UpdateSetting(RouteId(context), body);
        await WriteStoreResultAsync(context, result, "settings", StatusCodes.Status200OK, "Settings updated successfully");
    }

    private async Task HandleDeleteSettingAsync(HttpContext context)
    {
        if (!await AuthorizeAsync(context))
        {
            return;
        }

        var id = RouteId(context);
        await (_provisioning.DeleteSetting(id)
            ? HttpJson.SuccessAsync(context, StatusCodes.Status200OK, new JsonObject { ["settingsId"] = id }, "Settings deleted successfully")
            : HttpJson.ErrorAsync(context, StatusCodes.Status404NotFound, "Settings not found"));
    }
}
