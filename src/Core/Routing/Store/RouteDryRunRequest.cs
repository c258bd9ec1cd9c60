using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using EventPatterns;

namespace KadoaBridge.Core.Routing.Store;

/// <summary>What to dry-run: a CloudEvent given in full, or a stored change by its id (<c>{"changeId": "…"}</c>).</summary>
public sealed class RouteDryRunRequest
{
    /// <summary>Largest body. 1 MiB, Event Grid's limit for one event.</summary>
    public const int MaxBytes = 1_048_576;

    /// <summary>
    /// Longest <c>changeId</c>. 256 characters, as <c>GET /api/changes/{workflowId}/{changeId}</c> accepts: the id
    /// becomes a table key (at most 1 KiB once escaped).
    /// </summary>
    public const int MaxChangeIdLength = 256;

    private static readonly string[] RequiredAttributes = ["specversion", "id", "type", "source"];

    private RouteDryRunRequest(string? changeId, ReadOnlyMemory<byte> cloudEvent)
    {
        ChangeId = changeId;
        CloudEvent = cloudEvent;
    }

    /// <summary>The stored change to route, or null when <see cref="CloudEvent"/> is given.</summary>
    public string? ChangeId { get; }

    /// <summary>The CloudEvent to route (UTF-8 JSON); empty when <see cref="ChangeId"/> is given.</summary>
    public ReadOnlyMemory<byte> CloudEvent { get; }

    public static RouteDryRunRequest ForChange(string changeId) => new(changeId, ReadOnlyMemory<byte>.Empty);

    public static RouteDryRunRequest ForEvent(ReadOnlyMemory<byte> cloudEvent) => new(null, cloudEvent);

    /// <summary>
    /// Reads a body: an object whose only property is <c>changeId</c> names a stored change; any other object must be
    /// a CloudEvent with <c>specversion</c>, <c>id</c>, <c>type</c> and <c>source</c> (<paramref name="errors"/> names each
    /// one missing).
    /// </summary>
    public static bool TryParse(ReadOnlyMemory<byte> body, [NotNullWhen(true)] out RouteDryRunRequest? request, out IReadOnlyList<RouteRuleError> errors)
    {
        request = null;
        errors = Check(body, out var changeId);
        if (errors.Count == 0)
        {
            request = changeId is null ? ForEvent(body) : ForChange(changeId);
        }

        return errors.Count == 0;
    }

    private static List<RouteRuleError> Check(ReadOnlyMemory<byte> body, out string? changeId)
    {
        changeId = null;
        if (body.Length > MaxBytes)
        {
            return [new(JsonPathText.Root, $"the body is larger than {MaxBytes} bytes")];
        }

        if (JsonText.FindUnreadableString(body.Span) is { } unreadable)
        {
            return [new(JsonPathText.Root, $"the body is not valid JSON text: {unreadable}")];
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return [new(JsonPathText.Root, """send a CloudEvent (a JSON object) or {"changeId": "..."}""")];
            }

            if (root.TryGetProperty("changeId", out var id) && root.EnumerateObject().Count() == 1)
            {
                changeId = id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 and <= MaxChangeIdLength } text && !text.Any(char.IsControl)
                    ? text
                    : null;
                return changeId is null
                    ? [new("$.changeId", $"must be the id of a stored change: 1 to {MaxChangeIdLength} characters without control characters")]
                    : [];
            }

            return
            [
                .. RequiredAttributes
                    .Where(attribute => !root.TryGetProperty(attribute, out var value) || value.ValueKind != JsonValueKind.String || value.GetString()!.Length == 0)
                    .Select(attribute => new RouteRuleError(
                        JsonPathText.Property(JsonPathText.Root, attribute),
                        $$"""a CloudEvent needs a non-empty string '{{attribute}}' (to test a stored change send {"changeId": "..."} alone)""")),
            ];
        }
        catch (JsonException e)
        {
            return [new(JsonPathText.Root, $"the body is not valid JSON: {e.Message}")];
        }
    }
}
