using System.Text.Json.Nodes;

namespace KadoaBridge.KadoaSimulator;

public sealed partial class KadoaSimulator
{
    /// <summary>The workspace's notification channels in Kadoa's JSON shape, with <c>linkedConfigurations</c> (snapshot).</summary>
    public IReadOnlyList<JsonObject> Channels => _provisioning.ListChannels(workflowId: null, includeConfigurations: true);

    /// <summary>
    /// Creates a channel as if it existed before the test (same rules as <c>POST /v5/notifications/channels</c>,
    /// so a second WEBSOCKET channel is refused). Returns the channel id.
    /// </summary>
    /// <param name="name">Channel name.</param>
    /// <param name="channelType">EMAIL, SLACK, WEBHOOK or WEBSOCKET. Default: WEBSOCKET.</param>
    /// <param name="config">Type-specific configuration. Default: null = <c>{}</c> for WEBSOCKET, a valid sample for the other types.</param>
    public string SeedChannel(string name, string channelType = ProvisioningStore.WebSocketChannelType, JsonObject? config = null)
    {
        config ??= channelType switch
        {
            "EMAIL" => new JsonObject { ["recipients"] = new JsonArray("ops@example.com") },
            "SLACK" => new JsonObject { ["slackChannelId"] = "C0123456789", ["slackChannelName"] = "alerts" },
            "WEBHOOK" => new JsonObject { ["webhookUrl"] = "https://hooks.example.com/kadoa", ["httpMethod"] = "POST" },
            _ => [],
        };
        var result = _provisioning.CreateChannel(name, channelType, config);
        return result.Value?["id"]?.GetValue<string>() ?? throw new InvalidOperationException(result.Error);
    }

    private async Task HandleListChannelsAsync(HttpContext context)
    {
        if (!await AuthorizeAsync(context))
        {
            return;
        }

        if (!TryReadIncludeConfigurations(context, out var include))
        {
            await HttpJson.ErrorAsync(context, StatusCodes.Status400BadRequest, "includeConfigurations must be true or false");
            return;
        }

        var channels = _provisioning.ListChannels(QueryValue(context, "workflowId"), include);
        var data = new JsonObject { ["channels"] = new JsonArray([.. channels]) };
        await HttpJson.SuccessAsync(context, StatusCodes.Status200OK, data, "Channels retrieved successfully");
    }

    private async Task HandleGetChannelAsync(HttpContext context)
    {
        if (!await AuthorizeAsync(context))
        {
            return;
        }

        if (!TryReadIncludeConfigurations(context, out var include))
        {
            await HttpJson.ErrorAsync(context, StatusCodes.Status400BadRequest, "includeConfigurations must be true or false");
            return;
        }

        var channel = _provisioning.GetChannel(RouteId(context), include);
        await (channel is null
            ? HttpJson.ErrorAsync(context, StatusCodes.Status404NotFound, "Channel not found")
            : HttpJson.SuccessAsync(context, StatusCodes.Status200OK, new JsonObject { ["channel"] = channel }, "Channel retrieved successfully"));
    }

    private async Task HandleCreateChannelAsync(HttpContext context)
    {
        if (await ReadAuthorizedBodyAsync(context) is not { } body)
        {
            return;
        }

        var result = _provisioning.CreateChannel(HttpJson.GetString(body, "name"), HttpJson.GetString(body, "channelType"), body["config"]);
        await WriteStoreResultAsync(context, result, "channel", StatusCodes.Status201Created, "Channel created successfully");
    }

    private async Task HandleUpdateChannelAsync(HttpContext context)
    {
        if (await ReadAuthorizedBodyAsync(context) is not { } body)
        {
            return;
        }

        var result = _provisioning.UpdateChannel(RouteId(context), HttpJson.GetString(body, "name"), HttpJson.GetString(body, "channelType"), body["config"]);
        await WriteStoreResultAsync(context, result, "channel", StatusCodes.Status200OK, "Channel updated successfully");
    }

    private async Task HandleDeleteChannelAsync(HttpContext context)
    {
        if (!await AuthorizeAsync(context))
        {
            return;
        }

        var id = RouteId(context);
        await (_provisioning.DeleteChannel(id)
            ? HttpJson.SuccessAsync(context, StatusCodes.Status200OK, new JsonObject { ["channelId"] = id }, "Channel deleted successfully")
            : HttpJson.ErrorAsync(context, StatusCodes.Status404NotFound, "Channel not found"));
    }

    private static Task WriteStoreResultAsync(HttpContext context, StoreResult result, string property, int successStatus, string message) =>
        result.Value is null
            ? HttpJson.ErrorAsync(context, result.Status, result.Error ?? "Bad request")
            : HttpJson.SuccessAsync(context, successStatus, new JsonObject { [property] = result.Value }, message);

    private static bool TryReadIncludeConfigurations(HttpContext context, out bool include)
    {
        include = true;
        var text = QueryValue(context, "includeConfigurations");
        return text is null || bool.TryParse(text, out include);
    }

    private static string? QueryValue(HttpContext context, string name)
    {
        var value = context.Request.Query[name].ToString();
        return value.Length == 0 ? null : value;
    }

    private static string RouteId(HttpContext context) => context.Request.RouteValues["id"]?.ToString() ?? string.Empty;

    /// <summary>The request's JSON object body after the API key check; null when an error was already answered.</summary>
    private async Task<JsonObject?> ReadAuthorizedBodyAsync(HttpContext context)
    {
        if (!await AuthorizeAsync(context))
        {
            return null;
        }

        var body = await HttpJson.ReadObjectAsync(context);
        if (body is null)
        {
            await HttpJson.ErrorAsync(context, StatusCodes.Status400BadRequest, "Body must be a JSON object");
        }

        return body;
    }
}
