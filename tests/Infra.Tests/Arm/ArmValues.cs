using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace KadoaBridge.Infra.Tests.Arm;

/// <summary>Helpers over evaluated values (JsonNode; JSON null is a null reference).</summary>
internal static class ArmValues
{
    public static JsonNode? Clone(JsonNode? node) => node?.DeepClone();

    public static string? AsString(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static long? AsLong(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        if (value.TryGetValue<long>(out var number))
        {
            return number;
        }

        if (value.TryGetValue<int>(out var small))
        {
            return small;
        }

        return value.TryGetValue<double>(out var real) && real == Math.Floor(real) ? (long)real : null;
    }

    /// <summary>The boolean, or null when the value is unknown or not a boolean.</summary>
    public static bool? AsBool(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : null;

    /// <summary>Case-insensitive property lookup, as ARM does it.</summary>
    public static bool TryGetProperty(JsonObject obj, string name, out JsonNode? value)
    {
        foreach (var pair in obj)
        {
            if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                value = pair.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>Follows a dotted path with optional [n] indexes, e.g. <c>properties.template.containers[0].probes</c>.</summary>
    public static JsonNode? Navigate(JsonNode? node, string path)
    {
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = part;
            var indexes = new List<int>();
            while (name.EndsWith(']'))
            {
                var open = name.LastIndexOf('[');
                indexes.Insert(0, int.Parse(name[(open + 1)..^1], CultureInfo.InvariantCulture));
                name = name[..open];
            }

            if (name.Length > 0)
            {
                node = node is JsonObject obj && TryGetProperty(obj, name, out var child) ? child : null;
            }

            foreach (var index in indexes)
            {
                node = node is JsonArray array && index < array.Count ? array[index] : null;
            }
        }

        return node;
    }

    public static string ToText(JsonNode? node) => node switch
    {
        null => string.Empty,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag ? "True" : "False",
        _ => node.ToJsonString(),
    };

    public static bool IsEmpty(JsonNode? node) => node switch
    {
        null => true,
        JsonArray array => array.Count == 0,
        JsonObject obj => obj.Count == 0,
        _ => AsString(node) is { Length: 0 },
    };

    /// <summary>ARM <c>union</c> of objects: later values win, nested objects merge.</summary>
    public static JsonObject Merge(IEnumerable<JsonObject> objects)
    {
        var result = new JsonObject();
        foreach (var obj in objects)
        {
            foreach (var (key, value) in obj)
            {
                if (result[key] is JsonObject existing && value is JsonObject incoming)
                {
                    result[key] = Merge([existing, incoming]);
                }
                else
                {
                    result[key] = Clone(value);
                }
            }
        }

        return result;
    }

    /// <summary>Deterministic stand-in for ARM's uniqueString: 13 lowercase base-32 characters.</summary>
    public static string UniqueString(IEnumerable<string> parts)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', parts)));
        const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var builder = new StringBuilder(13);
        for (var i = 0; i < 13; i++)
        {
            builder.Append(Alphabet[hash[i] % 32]);
        }

        return builder.ToString();
    }

    /// <summary>Deterministic stand-in for ARM's guid().</summary>
    public static string Guid(IEnumerable<string> parts)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', parts)));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }
}
