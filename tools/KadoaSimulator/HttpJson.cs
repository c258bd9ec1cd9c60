using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KadoaBridge.KadoaSimulator;

/// <summary>Reads and writes the JSON bodies of the REST endpoints.</summary>
internal static class HttpJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(HttpContext context, int statusCode, JsonNode body)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        await using (var writer = new Utf8JsonWriter(context.Response.BodyWriter, WriterOptions))
        {
            body.WriteTo(writer);
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    /// <summary>Kadoa's error body: <c>{"status":N,"message":"..."}</c>.</summary>
    public static Task ErrorAsync(HttpContext context, int statusCode, string message) =>
        WriteAsync(context, statusCode, new JsonObject { ["status"] = statusCode, ["message"] = message });

    /// <summary>Kadoa's success envelope: <c>{"data":{...},"status":"success","message":"..."}</c>.</summary>
    public static Task SuccessAsync(HttpContext context, int statusCode, JsonObject data, string message) =>
        WriteAsync(context, statusCode, new JsonObject { ["data"] = data, ["status"] = "success", ["message"] = message });

    /// <summary>The request body as a JSON object, or null when it is empty, not JSON, or not an object.</summary>
    public static async Task<JsonObject?> ReadObjectAsync(HttpContext context)
    {
        try
        {
            var node = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            return node as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A string property, or null when absent, JSON null, or not a string.</summary>
    public static string? GetString(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>True when the property is absent or JSON null.</summary>
    public static bool IsMissing(JsonObject obj, string name) => obj[name] is null;
}
