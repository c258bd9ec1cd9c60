using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace KadoaBridge.EventGridEmulator;

/// <summary>
/// Checks one event against CloudEvents 1.0 (JSON format) the way an Event Grid topic with the CloudEvents input
/// schema does: required attributes, optional attribute types, RFC 3339 <c>time</c>, extension attribute names.
/// See https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/spec.md.
/// </summary>
internal static partial class CloudEventValidator
{
    /// <summary>The spec says extension names SHOULD NOT exceed 20 characters; the emulator enforces it.</summary>
    public const int MaxAttributeNameLength = 20;

    /// <summary>Returns null when valid, else a message that names the event index and the attribute.</summary>
    public static string? Validate(JsonElement cloudEvent, int index, out CloudEventHeader header)
    {
        header = default;
        if (cloudEvent.ValueKind != JsonValueKind.Object)
        {
            return Invalid(index, "each event must be a JSON object.");
        }

        string? specVersion = null, id = null, source = null, type = null, subject = null;
        var hasData = false;
        var hasDataBase64 = false;
        foreach (var attribute in cloudEvent.EnumerateObject())
        {
            var name = attribute.Name;
            var value = attribute.Value;
            var error = name switch
            {
                "specversion" => RequiredString(value, index, name, out specVersion),
                "id" => RequiredString(value, index, name, out id),
                "source" => RequiredString(value, index, name, out source),
                "type" => RequiredString(value, index, name, out type),
                "subject" => OptionalString(value, index, name, out subject),
                "datacontenttype" or "dataschema" => OptionalString(value, index, name, out _),
                "time" => Time(value, index),
                "data" => Flag(out hasData),
                "data_base64" => value.ValueKind is JsonValueKind.String or JsonValueKind.Null
                    ? Flag(out hasDataBase64)
                    : Invalid(index, "attribute 'data_base64' must be a base64 string."),
                _ => Extension(name, value, index),
            };
            if (error is not null)
            {
                return error;
            }
        }

        if (specVersion is null)
        {
            return Invalid(index, "required attribute 'specversion' is missing.");
        }

        if (specVersion != "1.0")
        {
            return Invalid(index, $"attribute 'specversion' is \"{specVersion}\"; this topic accepts CloudEvents \"1.0\" only.");
        }

        if (id is null || source is null || type is null)
        {
            var missing = id is null ? "id" : source is null ? "source" : "type";
            return Invalid(index, $"required attribute '{missing}' is missing.");
        }

        if (hasData && hasDataBase64)
        {
            return Invalid(index, "attributes 'data' and 'data_base64' must not both be present.");
        }

        header = new CloudEventHeader(id, type, source, subject);
        return null;
    }

    /// <summary>RFC 3339 <c>date-time</c>: full date, 'T', full time with optional fraction, 'Z' or a numeric offset.</summary>
    public static bool IsRfc3339(string text)
    {
        var match = Rfc3339().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var year = Part(match, "year");
        var month = Part(match, "month");
        if (year < 1 || month is < 1 or > 12)
        {
            return false;
        }

        var day = Part(match, "day");
        var hasOffset = match.Groups["oh"].Success;
        return day >= 1 && day <= DateTime.DaysInMonth(year, month)
            && Part(match, "hour") <= 23 && Part(match, "minute") <= 59 && Part(match, "second") <= 60
            && (!hasOffset || (Part(match, "oh") <= 23 && Part(match, "om") <= 59));
    }

    private static string? RequiredString(JsonElement value, int index, string name, out string? text)
    {
        text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return string.IsNullOrEmpty(text) ? Invalid(index, $"attribute '{name}' must be a non-empty string.") : null;
    }

    private static string? OptionalString(JsonElement value, int index, string name, out string? text)
    {
        text = null;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return string.IsNullOrEmpty(text) ? Invalid(index, $"attribute '{name}' must be a non-empty string when present.") : null;
    }

    private static string? Time(JsonElement value, int index) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String when IsRfc3339(value.GetString()!) => null,
        _ => Invalid(index, $"attribute 'time' must be an RFC 3339 timestamp, e.g. \"2024-05-01T12:00:00Z\"; got {value.GetRawText()}."),
    };

    private static string? Extension(string name, JsonElement value, int index)
    {
        if (!IsValidAttributeName(name))
        {
            return Invalid(index, $"extension attribute name '{name}' is invalid: names are 1 to {MaxAttributeNameLength} lowercase letters (a-z) or digits (0-9).");
        }

        return value.ValueKind is JsonValueKind.Object or JsonValueKind.Array
            ? Invalid(index, $"extension attribute '{name}' must be a string, number or boolean.")
            : null;
    }

    private static bool IsValidAttributeName(string name)
    {
        if (name.Length is 0 or > MaxAttributeNameLength)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9')))
            {
                return false;
            }
        }

        return true;
    }

    private static string? Flag(out bool flag)
    {
        flag = true;
        return null;
    }

    private static string Invalid(int index, string problem) => $"Invalid CloudEvent at index {index}: {problem}";

    private static int Part(Match match, string group) => int.Parse(match.Groups[group].ValueSpan, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})[Tt](?<hour>\d{2}):(?<minute>\d{2}):(?<second>\d{2})(\.\d+)?([Zz]|[+-](?<oh>\d{2}):(?<om>\d{2}))$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
