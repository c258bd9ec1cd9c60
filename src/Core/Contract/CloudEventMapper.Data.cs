using System.Buffers;
using System.Text.Json;

namespace KadoaBridge.Core.Contract;

/// <summary>The <c>data</c> of a <c>workflow_data_change</c>: Kadoa's payload, renamed where the contract says, plus the flattened filter fields and links.</summary>
public sealed partial class CloudEventMapper
{
    private void WriteDataChange(Utf8JsonWriter writer, EventHeader header, JsonElement payload, BlobReference? snapshotReference)
    {
        writer.WriteStartObject();
        writer.WriteString(CloudEventNames.ChangeId, header.ChangeId ?? header.Id);
        foreach (var property in payload.EnumerateObject())
        {
            switch (property.Name)
            {
                case "id":
                    break; // carried as changeId
                case CloudEventNames.SnapshotRef or CloudEventNames.PayloadRef:
                    break; // the contract's own references: a field of that name from upstream is never passed on as one
                case "data":
                    if (snapshotReference is null)
                    {
                        writer.WritePropertyName(CloudEventNames.Snapshot);
                        property.Value.WriteTo(writer);
                    }

                    break;
                default:
                    property.WriteTo(writer); // every other field passes through unchanged, unknown ones too
                    break;
            }
        }

        if (snapshotReference is not null)
        {
            WriteBlobReference(writer, CloudEventNames.SnapshotRef, snapshotReference);
        }

        WriteFlattenedDifferences(writer, payload);
        WriteLinks(writer, header);
        writer.WriteEndObject();
    }

    private void WriteDataByReference(Utf8JsonWriter writer, EventHeader header, BlobReference reference)
    {
        writer.WriteStartObject();
        if (header.IsDataChange)
        {
            writer.WriteString(CloudEventNames.ChangeId, header.ChangeId ?? header.Id);
        }

        if (header.WorkflowId is not null)
        {
            writer.WriteString(CloudEventNames.WorkflowId, header.WorkflowId);
        }

        WriteBlobReference(writer, CloudEventNames.PayloadRef, reference);
        if (header.IsDataChange)
        {
            WriteLinks(writer, header);
        }

        writer.WriteEndObject();
    }

    /// <summary><c>diffTypes</c> and <c>changedKeys</c>: distinct, in first-seen order, so plain Event Grid filters can use them.</summary>
    private static void WriteFlattenedDifferences(Utf8JsonWriter writer, JsonElement payload)
    {
        var types = new List<string>(3);
        var keys = new List<string>();
        if (payload.TryGetProperty("differences", out var differences) && differences.ValueKind == JsonValueKind.Array)
        {
            foreach (var difference in differences.EnumerateArray())
            {
                if (difference.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                if (difference.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String)
                {
                    AddDistinct(types, type.GetString()!);
                }

                if (difference.TryGetProperty("fields", out var fields) && fields.ValueKind == JsonValueKind.Array)
                {
                    foreach (var field in fields.EnumerateArray())
                    {
                        if (field.ValueKind == JsonValueKind.Object && field.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.String)
                        {
                            AddDistinct(keys, key.GetString()!);
                        }
                    }
                }
            }
        }

        WriteStrings(writer, CloudEventNames.DiffTypes, types);
        WriteStrings(writer, CloudEventNames.ChangedKeys, keys);
    }

    // The three links' fixed parts, so each event writes them without building strings (WriteJoined).
    private const string DashboardPrefix = CloudEventNames.KadoaSite + "/data-diff/";
    private const string WorkflowPrefix = CloudEventNames.KadoaSite + "/workflow/";
    private readonly string _apiChanges = settings.KadoaApiBaseUrl.AbsoluteUri.TrimEnd('/') + "/v5/changes/";

    private void WriteLinks(Utf8JsonWriter writer, EventHeader header)
    {
        var changeId = Uri.EscapeDataString(header.ChangeId ?? header.Id);
        writer.WriteStartObject(CloudEventNames.Links);
        WriteJoined(writer, "dashboard", DashboardPrefix, changeId);
        if (header.WorkflowId is not null)
        {
            WriteJoined(writer, "workflow", WorkflowPrefix, Uri.EscapeDataString(header.WorkflowId));
        }

        WriteJoined(writer, "api", _apiChanges, changeId);
        writer.WriteEndObject();
    }

    /// <summary>Writes <paramref name="prefix"/> + <paramref name="value"/> without making the string (three links per event).</summary>
    private static void WriteJoined(Utf8JsonWriter writer, string name, string prefix, string value)
    {
        var length = prefix.Length + value.Length;
        var rented = length > 256 ? ArrayPool<char>.Shared.Rent(length) : null;
        var chars = rented is null ? stackalloc char[256] : rented;
        prefix.CopyTo(chars);
        value.CopyTo(chars[prefix.Length..]);
        writer.WriteString(name, chars[..length]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    private static void AddDistinct(List<string> list, string value)
    {
        if (!list.Contains(value))
        {
            list.Add(value);
        }
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, List<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
