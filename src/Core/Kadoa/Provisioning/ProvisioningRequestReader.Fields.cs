using System.Text.Json;

namespace KadoaBridge.Core.Kadoa.Provisioning;

public static partial class ProvisioningRequestReader
{
    private static void AddIfAny(List<ProvisioningInputError> errors, ProvisioningInputError? error)
    {
        if (error is not null)
        {
            errors.Add(error);
        }
    }

    /// <summary>The workflow ids (repeats dropped), each checked: every one at fault is named.</summary>
    private static List<ProvisioningInputError> ReadWorkflowIds(JsonElement value, out List<string>? workflowIds)
    {
        workflowIds = null;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return [new("workflowIds", "Must be an array of workflow ids.")];
        }

        var count = value.GetArrayLength();
        if (count is 0 or > MaxWorkflowIds)
        {
            return [new("workflowIds", $"Must name 1 to {MaxWorkflowIds} workflows (got {count}).")];
        }

        var errors = new List<ProvisioningInputError>();
        var ids = new List<string>(count);
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var id = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            if (CheckWorkflowId(id, $"workflowIds[{index}]") is { } error)
            {
                errors.Add(error);
            }
            else if (!ids.Contains(id!, StringComparer.Ordinal))
            {
                ids.Add(id!);
            }

            index++;
        }

        workflowIds = errors.Count == 0 ? ids : null;
        return errors;
    }

    /// <summary><c>"all"</c>, one type, or an array of them, each checked: every one at fault is named.</summary>
    private static List<ProvisioningInputError> ReadEventTypes(JsonElement value, out IReadOnlyList<string> eventTypes)
    {
        eventTypes = [ProvisioningEventTypes.Default];
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return [];
            case JsonValueKind.String:
                var error = ReadEventType(value, "eventTypes", allowAll: true, out var single);
                eventTypes = single == ProvisioningEventTypes.AllKeyword ? ProvisioningEventTypes.All : [single];
                return error is null ? [] : [error];
            case JsonValueKind.Array when value.GetArrayLength() > 0:
                var errors = new List<ProvisioningInputError>();
                var types = new List<string>();
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (ReadEventType(item, $"eventTypes[{index++}]", allowAll: true, out var type) is { } itemError)
                    {
                        errors.Add(itemError);
                    }
                    else
                    {
                        types.AddRange(type == ProvisioningEventTypes.AllKeyword ? ProvisioningEventTypes.All : [type]);
                    }
                }

                eventTypes = [.. types.Distinct(StringComparer.Ordinal)];
                return errors;
            default:
                return [new("eventTypes", "Must be \"all\" or a non-empty array of Kadoa event types.")];
        }
    }

    private static ProvisioningInputError? ReadEventType(JsonElement value, string field, bool allowAll, out string eventType)
    {
        eventType = value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
        if (ProvisioningEventTypes.IsDocumented(eventType) || (allowAll && eventType == ProvisioningEventTypes.AllKeyword))
        {
            return null;
        }

        var expected = string.Join(", ", ProvisioningEventTypes.All) + (allowAll ? ", or \"all\"" : "");
        return new(field, $"Unknown event type{Quote(value)}; expected one of {expected}.");
    }

    private static ProvisioningInputError? ReadFlag(JsonElement value, string field, out bool flag)
    {
        flag = value.ValueKind == JsonValueKind.True;
        return value.ValueKind is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null ? null : new(field, "Must be true or false.");
    }

    private static ProvisioningInputError Unknown(string name, string expected) =>
        new(string.IsNullOrWhiteSpace(name) ? "body" : name.Length <= 64 ? name : name[..64], $"Unknown property{(string.IsNullOrWhiteSpace(name) ? " (a blank name)" : "")}; expected {expected}.");

    private static string Quote(JsonElement value) =>
        value.ValueKind != JsonValueKind.String ? $" ({value.ValueKind.ToString().ToLowerInvariant()})"
        : value.GetString() is { Length: <= 64 } text ? $" '{text}'" : "";
}
