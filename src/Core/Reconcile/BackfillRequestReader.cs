using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using KadoaBridge.Core.Requests;

namespace KadoaBridge.Core.Reconcile;

/// <summary>
/// Reads the <c>POST /api/backfill</c> body: <c>{"workflowIds": ["..."], "from": "...", "to": "..."}</c>, <c>from</c>
/// required. Every error names the field at fault as a JSON path, or <c>body</c>. Rules that need configuration or the
/// clock (the range, the workflows set up) are <see cref="BackfillService.ValidateAsync"/>'s.
/// </summary>
public static class BackfillRequestReader
{
    /// <summary>Most workflows one backfill names. 100.</summary>
    public const int MaxWorkflows = 100;

    private const string Fields = "workflowIds, from, to";
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 4 };

    public static bool TryRead(ReadOnlyMemory<byte> json, [NotNullWhen(true)] out BackfillRequest? request, [NotNullWhen(false)] out InputError? error)
    {
        request = null;
        if (!JsonObjectBody.TryParse(json, DocumentOptions, $"A JSON object is required, with {Fields} (from required).", out var document, out error))
        {
            return false;
        }

        using (document)
        {
            List<string>? workflowIds = null;
            DateTimeOffset? from = null, to = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var value = property.Value;
                error = property.Name switch
                {
                    _ when value.ValueKind == JsonValueKind.Null && property.Name is "workflowIds" or "to" => null,
                    "workflowIds" => ReadWorkflowIds(value, out workflowIds),
                    "from" => InputRules.ReadTime(value, "from", out from),
                    "to" => InputRules.ReadTime(value, "to", out to),
                    _ => new InputError(InputRules.FieldName(property.Name, "body"), $"Unknown field; a backfill reads {Fields}."),
                };
                if (error is not null)
                {
                    return false;
                }
            }

            if (from is not { } start)
            {
                error = new InputError("from", "Required: the ISO-8601 start of the range, e.g. 2024-05-01T00:00:00Z.");
                return false;
            }

            request = new BackfillRequest(workflowIds, start, to);
            return true;
        }
    }

    private static InputError? ReadWorkflowIds(JsonElement value, out List<string>? workflowIds)
    {
        workflowIds = null;
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() is 0 or > MaxWorkflows)
        {
            return new InputError("workflowIds", $"Give an array of 1 to {MaxWorkflows} workflow ids, or leave it out for every workflow set up through /api/setup.");
        }

        var ids = new List<string>(value.GetArrayLength());
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var field = $"workflowIds[{index++}]";
            var id = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            if (InputRules.CheckWorkflowId(id, field) is { } error)
            {
                return error;
            }

            if (ids.Contains(id!, StringComparer.Ordinal))
            {
                return new InputError(field, $"'{id}' is named twice.");
            }

            ids.Add(id!);
        }

        workflowIds = ids;
        return null;
    }
}
