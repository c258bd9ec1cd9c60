using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using KadoaBridge.Core.Requests;

namespace KadoaBridge.Core.ControlPlane;

/// <summary>
/// Reads the <c>POST /api/replay</c> body: <c>{"workflowId": "...", "from": "...", "to": "...", "destinations": ["..."]}</c>,
/// each optional, but <c>workflowId</c> or <c>from</c> required. Every error names the field at fault as a JSON path, or
/// <c>body</c> when the body as a whole is wrong. Rules that need configuration are <see cref="ReplayService.Validate"/>'s.
/// </summary>
public static class ReplayRequestReader
{
    /// <summary>Most destination aliases one request names. 32.</summary>
    public const int MaxDestinations = 32;

    private const string Fields = "workflowId, from, to, destinations";
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 4 };

    public static bool TryRead(ReadOnlyMemory<byte> json, [NotNullWhen(true)] out ReplayRequest? request, [NotNullWhen(false)] out InputError? error)
    {
        request = null;
        if (!JsonObjectBody.TryParse(json, DocumentOptions, $"A JSON object is required, with some of {Fields}.", out var document, out error))
        {
            return false;
        }

        using (document)
        {
            string? workflowId = null;
            DateTimeOffset? from = null, to = null;
            List<string>? destinations = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var value = property.Value;
                error = property.Name switch
                {
                    _ when value.ValueKind == JsonValueKind.Null && property.Name is "workflowId" or "from" or "to" or "destinations" => null,
                    "workflowId" => ReadWorkflowId(value, out workflowId),
                    "from" => InputRules.ReadTime(value, "from", out from),
                    "to" => InputRules.ReadTime(value, "to", out to),
                    "destinations" => ReadDestinations(value, out destinations),
                    _ => new InputError(InputRules.FieldName(property.Name, "body"), $"Unknown field; a replay reads {Fields}."),
                };
                if (error is not null)
                {
                    return false;
                }
            }

            if (workflowId is null && from is null)
            {
                error = new InputError("workflowId", "Give workflowId, from, or both: a replay of every workflow needs a start time.");
                return false;
            }

            request = new ReplayRequest(workflowId, from, to, destinations);
            error = null;
            return true;
        }
    }

    private static InputError? ReadWorkflowId(JsonElement value, out string? workflowId)
    {
        workflowId = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return InputRules.CheckWorkflowId(workflowId, "workflowId");
    }

    private static InputError? ReadDestinations(JsonElement value, out List<string>? destinations)
    {
        destinations = null;
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() is 0 or > MaxDestinations)
        {
            return new InputError("destinations", $"Give an array of 1 to {MaxDestinations} destination aliases, or leave it out for every destination.");
        }

        var aliases = new List<string>(value.GetArrayLength());
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var field = $"destinations[{index++}]";
            var alias = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            if (InputRules.CheckText(alias, field, "A destination alias") is { } error)
            {
                return error;
            }

            if (aliases.Contains(alias!, StringComparer.Ordinal))
            {
                return new InputError(field, $"'{alias}' is named twice.");
            }

            aliases.Add(alias!);
        }

        destinations = aliases;
        return null;
    }
}
