using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using KadoaBridge.Core.Requests;

namespace KadoaBridge.Core.Reconcile;

/// <summary>
/// Reads the <c>POST /api/backfill</c> body: <c>{"workflowIds": ["..."], "from": "...", "to": "..."}</c>, <c>from</c>
/// required. Every error names the field at fault as a JSON path, or <c>body</c>; every field at fault is named. Rules
/// that need configuration or the clock (the range, the workflows set up) are <see cref="BackfillService.ValidateAsync"/>'s.
/// </summary>
public static class BackfillRequestReader
{
    /// <summary>Most workflows one backfill names. 100.</summary>
    public const int MaxWorkflows = 100;

    private const string Fields = "workflowIds, from, to";
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 4 };

    /// <summary>Reads the body; when it is invalid, <paramref name="errors"/> names every field at fault.</summary>
    public static bool TryRead(ReadOnlyMemory<byte> json, [NotNullWhen(true)] out BackfillRequest? request, out IReadOnlyList<InputError> errors)
    {
        request = null;
        if (!JsonObjectBody.TryParse(json, DocumentOptions, $"A JSON object is required, with {Fields} (from required).", out var document, out var bodyError))
        {
            errors = [bodyError];
            return false;
        }

        using (document)
        {
            var found = new List<InputError>();
            errors = found;
            List<string>? workflowIds = null;
            DateTimeOffset? from = null, to = null;
            var namesFrom = false;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var value = property.Value;
                if (value.ValueKind == JsonValueKind.Null && property.Name is "workflowIds" or "to")
                {
                    continue;
                }

                switch (property.Name)
                {
                    case "workflowIds":
                        found.AddRange(ReadWorkflowIds(value, out workflowIds));
                        break;
                    case "from":
                        namesFrom = true;
                        found.AddIfAny(InputRules.ReadTime(value, "from", out from));
                        break;
                    case "to":
                        found.AddIfAny(InputRules.ReadTime(value, "to", out to));
                        break;
                    default:
                        found.Add(new InputError(InputRules.FieldName(property.Name, "body"), $"Unknown field; a backfill reads {Fields}."));
                        break;
                }
            }

            if (!namesFrom)
            {
                found.Add(new InputError("from", "Required: the ISO-8601 start of the range, e.g. 2024-05-01T00:00:00Z."));
            }

            if (found.Count > 0 || from is not { } start)
            {
                return false;
            }

            request = new BackfillRequest(workflowIds, start, to);
            return true;
        }
    }

    /// <summary>The workflow ids, each checked: every one at fault is named.</summary>
    private static List<InputError> ReadWorkflowIds(JsonElement value, out List<string>? workflowIds)
    {
        workflowIds = null;
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() is 0 or > MaxWorkflows)
        {
            return [new InputError("workflowIds", $"Give an array of 1 to {MaxWorkflows} workflow ids, or leave it out for every workflow set up through /api/setup.")];
        }

        var errors = new List<InputError>();
        var ids = new List<string>(value.GetArrayLength());
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var field = $"workflowIds[{index++}]";
            var id = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            if (InputRules.CheckWorkflowId(id, field) is { } error)
            {
                errors.Add(error);
            }
            else if (ids.Contains(id!, StringComparer.Ordinal))
            {
                errors.Add(new InputError(field, $"'{id}' is named twice."));
            }
            else
            {
                ids.Add(id!);
            }
        }

        workflowIds = errors.Count == 0 ? ids : null;
        return errors;
    }
}
