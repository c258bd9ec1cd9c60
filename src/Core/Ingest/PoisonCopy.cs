using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KadoaBridge.Core.Ingest;

/// <summary>
/// The durable copy of a poison message, as blob <c>poison/{id}.json</c> holds it (a JSON envelope):
/// <c>{"id", "messageId", "eventId", "poisonedAt", "reasons": [...], "message": &lt;the CloudEvent JSON&gt;}</c>.
/// </summary>
/// <param name="Id">The copy's key and blob name stem: the poison message's id when it is 1 to 128 characters of
/// <c>A-Z a-z 0-9 _ -</c> (queue message ids are GUIDs), otherwise a hash of it.</param>
/// <param name="MessageId">The poison message's id (the host gives a message moved to <c>ingress-poison</c> a new one).</param>
/// <param name="EventId">The CloudEvent id, when the message is a CloudEvent.</param>
/// <param name="PoisonedAt">When the copy was kept.</param>
/// <param name="Reasons">The failed ingest attempts recorded for the CloudEvent id, oldest first (at most <see cref="PoisonKeeper.MaxReasons"/>).</param>
/// <param name="Message">The message body as it was: the CloudEvent JSON, or a JSON string when the body is not JSON.</param>
public sealed record PoisonCopy(
    string Id,
    string MessageId,
    string? EventId,
    DateTimeOffset PoisonedAt,
    IReadOnlyList<FailureReason> Reasons,
    [property: JsonConverter(typeof(RawJsonConverter))] JsonElement Message)
{
    /// <summary>The message body as text, exactly as it was on the queue.</summary>
    public string MessageText() => Message.ValueKind == JsonValueKind.String ? Message.GetString()! : Message.GetRawText();

    /// <summary>A message body as a JSON value: itself when it is JSON, else a JSON string of its text.</summary>
    public static JsonElement ToElement(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(Encoding.UTF8.GetString(body.Span), IngestJsonContext.Default.String);
        }
    }
}
