using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace KadoaBridge.Core.Kadoa.Provisioning;

/// <summary>
/// Reads and validates the provisioning request bodies. Every error names the field at fault as a JSON path
/// (<c>workflowIds[2]</c>), or <c>body</c> when the body as a whole is wrong.
/// </summary>
public static partial class ProvisioningRequestReader
{
    /// <summary>Most workflow ids one setup takes. 100.</summary>
    public const int MaxWorkflowIds = 100;

    /// <summary>Longest workflow id. 64 characters.</summary>
    public const int MaxWorkflowIdLength = 64;

    private const string WorkflowIdRule = "must be 1 to 64 characters of A-Z, a-z, 0-9, '_' or '-'";
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 8 };

    /// <summary>Reads <c>{"workflowIds":[…]} | {"workspaceLevel":true}</c> with optional <c>"eventTypes": [...] | "all"</c>.</summary>
    public static bool TryReadSetup(ReadOnlyMemory<byte> json, [NotNullWhen(true)] out SetupRequest? request, [NotNullWhen(false)] out ProvisioningInputError? error)
    {
        request = null;
        if (!TryParse(json, out var document, out error))
        {
            return false;
        }

        using (document)
        {
            List<string>? workflowIds = null;
            var workspaceLevel = false;
            IReadOnlyList<string> eventTypes = [ProvisioningEventTypes.Default];
            foreach (var property in document.RootElement.EnumerateObject())
            {
                error = property.Name switch
                {
                    "workflowIds" => ReadWorkflowIds(property.Value, out workflowIds),
                    "workspaceLevel" => ReadFlag(property.Value, "workspaceLevel", out workspaceLevel),
                    "eventTypes" => ReadEventTypes(property.Value, out eventTypes),
                    _ => Unknown(property.Name, "workflowIds, workspaceLevel, eventTypes"),
                };
                if (error is not null)
                {
                    return false;
                }
            }

            error = (workflowIds, workspaceLevel) switch
            {
                (not null, true) => new("workspaceLevel", "Give either workflowIds or workspaceLevel: true, not both."),
                (null, false) => new("workflowIds", "Name the workflows to subscribe (workflowIds), or set workspaceLevel to true."),
                _ => null,
            };
            if (error is not null)
            {
                return false;
            }

            request = new SetupRequest(workflowIds ?? [], workspaceLevel, eventTypes);
            return true;
        }
    }

    /// <summary>Reads the optional <c>{"eventType": "...", "workflowId": "..."}</c>; an empty body means the defaults.</summary>
    public static bool TryReadTest(ReadOnlyMemory<byte> json, [NotNullWhen(true)] out TestEventRequest? request, [NotNullWhen(false)] out ProvisioningInputError? error)
    {
        request = null;
        error = null;
        if (json.IsEmpty)
        {
            request = new TestEventRequest(ProvisioningEventTypes.Default, null);
            return true;
        }

        if (!TryParse(json, out var document, out error))
        {
            return false;
        }

        using (document)
        {
            var eventType = ProvisioningEventTypes.Default;
            string? workflowId = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                error = property.Name switch
                {
                    "eventType" => ReadEventType(property.Value, "eventType", allowAll: false, out eventType),
                    "workflowId" when property.Value.ValueKind == JsonValueKind.Null => null,
                    "workflowId" => CheckWorkflowId(property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null, "workflowId"),
                    _ => Unknown(property.Name, "eventType, workflowId"),
                };
                if (error is not null)
                {
                    return false;
                }

                if (property.Name == "workflowId" && property.Value.ValueKind == JsonValueKind.String)
                {
                    workflowId = property.Value.GetString();
                }
            }

            request = new TestEventRequest(eventType, workflowId);
            return true;
        }
    }

    /// <summary>Checks one workflow id (<c>^[A-Za-z0-9_-]{1,64}$</c>); null when it is fine.</summary>
    public static ProvisioningInputError? CheckWorkflowId(string? value, string field)
    {
        var valid = value is { Length: > 0 and <= MaxWorkflowIdLength } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
        return valid ? null : new ProvisioningInputError(field, $"A workflow id {WorkflowIdRule}.");
    }

    private static bool TryParse(ReadOnlyMemory<byte> json, [NotNullWhen(true)] out JsonDocument? document, [NotNullWhen(false)] out ProvisioningInputError? error)
    {
        document = null;
        error = null;
        if (json.IsEmpty)
        {
            error = new("body", "A JSON object is required.");
            return false;
        }

        if (JsonText.FindUnreadableString(json.Span, DocumentOptions) is { } unreadable)
        {
            error = new("body", $"The body is not valid JSON text: {unreadable}.");
            return false;
        }

        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            error = new("body", $"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).");
            return false;
        }

        if (parsed.RootElement.ValueKind != JsonValueKind.Object)
        {
            parsed.Dispose();
            error = new("body", "The body must be a JSON object.");
            return false;
        }

        document = parsed;
        return true;
    }
}
