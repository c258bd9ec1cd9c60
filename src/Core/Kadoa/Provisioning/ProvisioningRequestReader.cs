using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace KadoaBridge.Core.Kadoa.Provisioning;

/// <summary>
/// Reads and validates the provisioning request bodies. Every error names the field at fault as a JSON path
/// (<c>workflowIds[2]</c>), or <c>body</c> when the body as a whole is wrong; every field at fault is named.
/// </summary>
public static partial class ProvisioningRequestReader
{
    /// <summary>Most workflow ids one setup takes. 100.</summary>
    public const int MaxWorkflowIds = 100;

    /// <summary>Longest workflow id. 64 characters.</summary>
    public const int MaxWorkflowIdLength = 64;

    private const string WorkflowIdRule = "must be 1 to 64 characters of A-Z, a-z, 0-9, '_' or '-'";
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 8 };

    /// <summary>
    /// Reads <c>{"workflowIds":[…]} | {"workspaceLevel":true}</c> with optional <c>"eventTypes": [...] | "all"</c>; when it
    /// is invalid, <paramref name="errors"/> names every field at fault.
    /// </summary>
    public static bool TryReadSetup(ReadOnlyMemory<byte> json, [NotNullWhen(true)] out SetupRequest? request, out IReadOnlyList<ProvisioningInputError> errors)
    {
        request = null;
        if (!TryParse(json, out var document, out var bodyError))
        {
            errors = [bodyError];
            return false;
        }

        using (document)
        {
            var found = new List<ProvisioningInputError>();
            errors = found;
            List<string>? workflowIds = null;
            var workspaceLevel = false;
            var namesWorkflows = false;
            IReadOnlyList<string> eventTypes = [ProvisioningEventTypes.Default];
            foreach (var property in document.RootElement.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "workflowIds":
                        namesWorkflows = property.Value.ValueKind != JsonValueKind.Null;
                        found.AddRange(ReadWorkflowIds(property.Value, out workflowIds));
                        break;
                    case "workspaceLevel":
                        AddIfAny(found, ReadFlag(property.Value, "workspaceLevel", out workspaceLevel));
                        break;
                    case "eventTypes":
                        found.AddRange(ReadEventTypes(property.Value, out eventTypes));
                        break;
                    default:
                        found.Add(Unknown(property.Name, "workflowIds, workspaceLevel, eventTypes"));
                        break;
                }
            }

            AddIfAny(found, (namesWorkflows, workspaceLevel) switch
            {
                (true, true) => new("workspaceLevel", "Give either workflowIds or workspaceLevel: true, not both."),
                (false, false) when !found.Exists(e => e.Field == "workspaceLevel") =>
                    new("workflowIds", "Name the workflows to subscribe (workflowIds), or set workspaceLevel to true."),
                _ => null,
            });
            if (found.Count > 0)
            {
                return false;
            }

            request = new SetupRequest(workflowIds ?? [], workspaceLevel, eventTypes);
            return true;
        }
    }

    /// <summary>
    /// Reads the optional <c>{"eventType": "...", "workflowId": "..."}</c>; an empty body means the defaults. When it is
    /// invalid, <paramref name="errors"/> names every field at fault.
    /// </summary>
    public static bool TryReadTest(ReadOnlyMemory<byte> json, [NotNullWhen(true)] out TestEventRequest? request, out IReadOnlyList<ProvisioningInputError> errors)
    {
        request = null;
        errors = [];
        if (json.IsEmpty)
        {
            request = new TestEventRequest(ProvisioningEventTypes.Default, null);
            return true;
        }

        if (!TryParse(json, out var document, out var bodyError))
        {
            errors = [bodyError];
            return false;
        }

        using (document)
        {
            var found = new List<ProvisioningInputError>();
            errors = found;
            var eventType = ProvisioningEventTypes.Default;
            string? workflowId = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "eventType":
                        AddIfAny(found, ReadEventType(property.Value, "eventType", allowAll: false, out eventType));
                        break;
                    case "workflowId" when property.Value.ValueKind == JsonValueKind.Null:
                        break;
                    case "workflowId":
                        workflowId = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                        AddIfAny(found, CheckWorkflowId(workflowId, "workflowId"));
                        break;
                    default:
                        found.Add(Unknown(property.Name, "eventType, workflowId"));
                        break;
                }
            }

            if (found.Count > 0)
            {
                return false;
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
