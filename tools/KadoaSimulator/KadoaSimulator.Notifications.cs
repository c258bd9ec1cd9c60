using System.Text.Json.Nodes;

namespace KadoaBridge.KadoaSimulator;

public sealed partial class KadoaSimulator
{
    private async Task HandleListEventTypesAsync(HttpContext context)
    {
        if (!await AuthorizeAsync(context))
        {
            return;
        }

        var data = new JsonObject { ["eventTypes"] = EventTypeCatalog.ToJson() };
        await HttpJson.SuccessAsync(context, StatusCodes.Status200OK, data, "Event types retrieved successfully");
    }

    private async Task HandleGetEventTypeAsync(HttpContext context)
    {
        if (!await AuthorizeAsync(context))
        {
            return;
        }

        var eventType = EventTypeCatalog.Get(context.Request.RouteValues["eventType"]?.ToString() ?? string.Empty);
        await (eventType is null
            ? HttpJson.ErrorAsync(context, StatusCodes.Status404NotFound, "Event type not found")
            : HttpJson.SuccessAsync(context, StatusCodes.Status200OK, new JsonObject { ["eventType"] = eventType }, "Event type retrieved successfully"));
    }

    /// <summary><c>POST /v5/notifications/test</c>: emits a mock event of the type onto the feed (every subscribed socket).</summary>
    private async Task HandleTestNotificationAsync(HttpContext context)
    {
        if (!await AuthorizeAsync(context))
        {
            return;
        }

        var body = await HttpJson.ReadObjectAsync(context);
        var eventType = body is null ? null : HttpJson.GetString(body, "eventType");
        if (!EventTypeCatalog.IsKnown(eventType))
        {
            await HttpJson.ErrorAsync(
                context, StatusCodes.Status400BadRequest, $"eventType is required and must be one of {string.Join(", ", EventTypeCatalog.Names)}");
            return;
        }

        var workflowId = HttpJson.GetString(body!, "workflowId");
        var emitted = EmitCore(eventType!, MockPayloads.Create(eventType!, workflowId, _time.GetUtcNow()), null);
        var data = new JsonObject { ["eventId"] = emitted.DeliveryId, ["eventType"] = eventType };
        if (workflowId is not null)
        {
            data["workflowId"] = workflowId;
        }

        await HttpJson.SuccessAsync(context, StatusCodes.Status200OK, data, "Test event sent successfully");
    }
}
