using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace KadoaBridge.EventGridEmulator;

/// <summary>
/// An error answer shaped like Event Grid's: <c>{"error":{"code":...,"message":...,"details":[{"code":...,"message":...}]}}</c>.
/// </summary>
internal sealed record EventGridError(int StatusCode, string Code, string Message, string? DetailCode = null)
{
    // Readable messages (quotes, apostrophes) in a body that is only ever served as application/json.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static EventGridError NotFound(string topic) =>
        new(StatusCodes.Status404NotFound, "NotFound", $"The topic '{topic}' does not exist.");

    public static EventGridError Unauthorized(string topic) =>
        new(StatusCodes.Status401Unauthorized, "Unauthorized", $"The request authorization key is not authorized for topic '{topic}'.");

    public static EventGridError BadRequest(string message, string detailCode) =>
        new(StatusCodes.Status400BadRequest, "BadRequest", message, detailCode);

    public static EventGridError TooLarge(string message) =>
        new(StatusCodes.Status413PayloadTooLarge, "RequestEntityTooLarge", message);

    public static EventGridError Injected(FaultSpec fault) =>
        new(fault.StatusCode, CodeFor(fault.StatusCode), $"Injected fault: the emulator answers {fault.StatusCode} to this topic.");

    public async Task WriteAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("code", Code);
            writer.WriteString("message", Message);
            if (DetailCode is not null)
            {
                writer.WriteStartArray("details");
                writer.WriteStartObject();
                writer.WriteString("code", DetailCode);
                writer.WriteString("message", Message);
                writer.WriteEndObject();
                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        response.StatusCode = StatusCode;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory, cancellationToken);
    }

    private static string CodeFor(int status) => status switch
    {
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        408 => "RequestTimeout",
        413 => "RequestEntityTooLarge",
        429 => "TooManyRequests",
        500 => "InternalServerError",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        _ => "Status" + status.ToString(CultureInfo.InvariantCulture),
    };
}
