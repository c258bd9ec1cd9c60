using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using KadoaBridge.Core.Requests;

namespace KadoaBridge.Core.ControlPlane;

/// <summary>
/// Reads the <c>POST /api/replay</c> body: <c>{"workflowId": "...", "from": "...", "to": "...", "destinations": ["..."]}</c>,
/// each optional, but <c>workflowId</c> or <c>from</c> required. Every error names the field at fault as a JSON path, or
/// <c>body</c> when the body as a whole is wrong; every field at fault is named. Rules that need configuration are
/// <see cref="ReplayService.Validate"/>'s.
/// </summary>
public static class ReplayRequestReader
{
    /// <summary>Most destination aliases one request names. 32.</summary>
    public const int MaxDestinations = 32;

    private const string Fields = "workflowId, from, to, destinations";
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 4 };

    /// <summary>Reads the body; when it is invalid, <paramref name="errors"/> names every field at fault.</summary>
    public static bool TryRead(ReadOnlyMemory<byte> json, [NotNullWhen(true)] out ReplayRequest? request, out IReadOnlyList<InputError> errors)
    {
        request = null;
        if (!JsonObjectBody.TryParse(json, DocumentOptions, $"A JSON object is required, with some of {Fields}.", out var document, out var bodyError))
        {
            errors = [bodyError];
            return false;
        }

        using (document)
        {
            var found = new List<InputError>();
            errors = found;
            string? workflowId = null;
            DateTimeOffset? from = null, to = null;
            List<string>? destinations = null;
            var namesStart = false;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var value = property.Value;
                if (value.ValueKind == JsonValueKind.Null && property.Name is "workflowId" or "from" or "to" or "destinations")
                {
                    continue;
                }

                namesStart |= property.Name is "workflowId" or "from";
                switch (property.Name)
                {
                    case "workflowId":
                        found.AddIfAny(ReadWorkflowId(value, out workflowId));
                        break;
                    case "from":
                        found.AddIfAny(InputRules.ReadTime(value, "from", out from));
                        break;
                    case "to":
                        found.AddIfAny(InputRules.ReadTime(value, "to", out to));
                        break;
                    case "destinations":
                        found.AddRange(ReadDestinations(value, out destinations));
                        break;
                    default:
                        found.Add(new InputError(InputRules.FieldName(property.Name, "body"), $"Unknown field; a replay reads {Fields}."));
                        break;
                }
            }

            if (!namesStart)
            {
                found.Add(new InputError("workflowId", "Give workflowId, from, or both: a replay of every workflow needs a start time."));
            }

            if (found.Count > 0)
            {
                return false;
            }

            request = new ReplayRequest(workflowId, from, to, destinations);
            return true;
        }
    }

    private static InputError? ReadWorkflowId(JsonElement value, out string? workflowId)
    {
        workflowId = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return InputRules.CheckWorkflowId(workflowId, "workflowId");
    }

    /// <summary>The aliases, each checked: every one at fault is named.</summary>
    private static List<InputError> ReadDestinations(JsonElement value, out List<string>? destinations)
    {
        destinations = null;
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() is 0 or > MaxDestinations)
        {
            return [new InputError("destinations", $"Give an array of 1 to {MaxDestinations} destination aliases, or leave it out for every destination.")];
        }

        var errors = new List<InputError>();
        var aliases = new List<string>(value.GetArrayLength());
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var field = $"destinations[{index++}]";
            var alias = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            if (InputRules.CheckText(alias, field, "A destination alias") is { } error)
            {
                errors.Add(error);
            }
            else if (aliases.Contains(alias!, StringComparer.Ordinal))
            {
                errors.Add(new InputError(field, $"'{alias}' is named twice."));
            }
            else
            {
                aliases.Add(alias!);
            }
        }

        destinations = errors.Count == 0 ? aliases : null;
        return errors;
    }
}
