using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.Extensions.Primitives;

namespace KadoaBridge.Fuzzing;

/// <summary>
/// Generators of hostile inputs, built by mutating valid examples: fields dropped, duplicated, retyped or added;
/// huge numbers, deep nesting, long strings (with the characters Table keys forbid, controls and lone surrogates),
/// invalid UTF-8, truncation; plus wholly random bytes. Shared by the test suites and <c>bench fuzz</c>.
/// </summary>
public static class FuzzInputs
{
    private const int MutationKinds = 11;

    /// <summary>Longest generated string, in characters. 64 Ki: past every id and rule limit, small enough for 100,000 cases.</summary>
    private const int MaxStringLength = 64 * 1024;

    private static readonly string[] RawValues =
    [
        "1e400", "-1e400", "99999999999999999999999999999", "-0", "0.000000000000000000000000000001", "1E+2147483648",
        "123456789012345678901234567890.5", "2147483648", "-2147483649", "9223372036854775808", "1.0", "0", "-1", "NaN",
    ];

    private static readonly string[] Palette =
    [
        "a", "Z", "0", "-", "_", ".", "/", "\\", "#", "?", "%", "|", " ", "\u0000", "\u0001", "\n", "\u007f", "é", "日",
        "\U0001F600", "\uD800", "\uDFFF", "\"", "'", "..", "%2F", "T", ":", "+", "Z",
    ];

    private static readonly Gen<Mutation> MutationGen =
        Gen.Select(Gen.Int[0, MutationKinds - 1], Gen.UInt, Gen.Int[0, 16], Gen.Int[0, 63]).Select(t => new Mutation(t.Item1, t.Item2, t.Item3, t.Item4));

    /// <summary>One mutation: what (<see cref="Kind"/>), where (<see cref="Pick"/>), how big (2^<see cref="Size"/>) and which variant.</summary>
    public sealed record Mutation(int Kind, uint Pick, int Size, int Variant);

    /// <summary>UTF-8 bodies: mostly 1-4 mutations of one of <paramref name="examples"/>, some random bytes, some examples unchanged.</summary>
    public static Gen<byte[]> Json(IReadOnlyList<string> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var mutated = Gen.Select(Gen.Int[0, examples.Count - 1], MutationGen.Array[1, 4]).Select(t => Mutate(examples[t.Item1], t.Item2));
        var unchanged = Gen.Int[0, examples.Count - 1].Select(i => Encoding.UTF8.GetBytes(examples[i]));
        return Gen.Frequency((16, mutated), (2, unchanged), (1, Gen.Byte.Array[0, 64]));
    }

    /// <summary>Query strings: mutations of one of <paramref name="examples"/> (values replaced, names dropped, repeated, unknown, re-cased).</summary>
    public static Gen<KeyValuePair<string, StringValues>[]> Query(IReadOnlyList<IReadOnlyDictionary<string, string>> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        return Gen.Select(Gen.Int[0, examples.Count - 1], MutationGen.Array[0, 4]).Select(t => MutateQuery(examples[t.Item1], t.Item2));
    }

    /// <summary>A printable form of a generated body for a failure report (invalid UTF-8 shown as U+FFFD, long text cut).</summary>
    public static string Show(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var text = Encoding.UTF8.GetString(body);
        return text.Length <= 600 ? text : $"{text[..600]}… ({body.Length} bytes)";
    }

    public static string Show(KeyValuePair<string, StringValues>[] query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var text = string.Join("&", query.Select(p => $"{p.Key}={string.Join("|", p.Value.ToArray())}"));
        return text.Length <= 600 ? text : $"{text[..600]}… ({text.Length} characters)";
    }

    public static byte[] Mutate(string example, IReadOnlyList<Mutation> mutations)
    {
        ArgumentNullException.ThrowIfNull(mutations);
        var raw = new List<string>();
        var root = JsonNode.Parse(example);
        var textual = new List<Mutation>();
        foreach (var mutation in mutations)
        {
            if (mutation.Kind >= 7)
            {
                textual.Add(mutation);
                continue;
            }

            root = MutateTree(root, mutation, raw);
        }

        var text = root?.ToJsonString() ?? "null";
        for (var i = 0; i < raw.Count; i++)
        {
            text = text.Replace($"\"__raw{i}__\"", raw[i], StringComparison.Ordinal);
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        foreach (var mutation in textual)
        {
            bytes = MutateText(bytes, mutation);
        }

        return bytes;
    }

    private static JsonNode? MutateTree(JsonNode? root, Mutation m, List<string> raw)
    {
        var nodes = new List<JsonNode?>();
        Collect(root, nodes);
        var target = nodes[(int)(m.Pick % (uint)nodes.Count)];
        switch (m.Kind)
        {
            case 0: // drop
                if (target?.Parent is JsonObject dropFrom)
                {
                    dropFrom.Remove(target.GetPropertyName());
                }
                else if (target?.Parent is JsonArray dropFromArray)
                {
                    dropFromArray.Remove(target);
                }

                return root;
            case 1: // retype
                return Replace(root, target, Value(m, raw));
            case 2: // add an unknown (or oddly named) property
                if (target is JsonObject add)
                {
                    add[Name(m)] = Value(m with { Variant = m.Variant / 2 }, raw);
                }

                return root;
            case 3: // deep nesting
                raw.Add(Nest(m.Variant % 2 == 0, Math.Min(1 << Math.Min(m.Size, 13), 5_000)));
                return Replace(root, target, JsonValue.Create($"__raw{raw.Count - 1}__"));
            case 4: // long string
                return Replace(root, target, JsonValue.Create(LongString(m)));
            case 5: // huge or odd number
                raw.Add(RawValues[m.Variant % RawValues.Length]);
                return Replace(root, target, JsonValue.Create($"__raw{raw.Count - 1}__"));
            default: // 6: another root
                return (m.Variant % 6) switch
                {
                    0 => new JsonArray(root?.DeepClone()),
                    1 => JsonValue.Create("text"),
                    2 => JsonValue.Create(42),
                    3 => null,
                    4 => new JsonObject(),
                    _ => new JsonObject { ["wrapped"] = root?.DeepClone() },
                };
        }
    }

    private static byte[] MutateText(byte[] bytes, Mutation m)
    {
        var at = bytes.Length == 0 ? 0 : (int)(m.Pick % (uint)(bytes.Length + 1));
        switch (m.Kind)
        {
            case 7: // truncate
                return bytes[..at];
            case 8: // invalid UTF-8 (lone continuation, overlong, surrogate half, 0xFF), a BOM, or an escaped lone surrogate
                byte[][] bad = [[0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF], [0xC3], [0xEF, 0xBB, 0xBF], [0xF4, 0x90, 0x80, 0x80], @"\uD800"u8.ToArray(), @"\uDFFFx"u8.ToArray()];
                var insert = bad[m.Variant % bad.Length];
                var quote = Array.IndexOf(bytes, (byte)'"', Math.Min(at, bytes.Length));
                var where = m.Variant % 2 == 0 && quote >= 0 ? quote + 1 : at;
                return [.. bytes[..where], .. insert, .. bytes[where..]];
            case 9: // duplicate the root's first property
                return DuplicateProperty(bytes, m.Pick) ?? bytes;
            default: // 10: whitespace and a stray byte
                return [.. bytes[..at], .. " \t\r\n"u8, .. new[] { (byte)(m.Variant % 2 == 0 ? ',' : '}') }, .. bytes[at..]];
        }
    }

    /// <summary>The root object with one of its properties written twice, first; null when the text is not an object.</summary>
    private static byte[]? DuplicateProperty(byte[] bytes, uint pick)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 10_000 });
            var properties = document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.EnumerateObject().ToList() : [];
            if (properties.Count == 0 || bytes[0] != (byte)'{')
            {
                return null;
            }

            var property = properties[(int)(pick % (uint)properties.Count)];
            return [.. "{"u8, .. Encoding.UTF8.GetBytes(JsonSerializer.Serialize(property.Name) + ":" + property.Value.GetRawText() + ","), .. bytes[1..]];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static JsonNode? Replace(JsonNode? root, JsonNode? target, JsonNode? value)
    {
        switch (target?.Parent)
        {
            case JsonObject parent:
                parent[target.GetPropertyName()] = value;
                return root;
            case JsonArray array:
                array[target.GetElementIndex()] = value;
                return root;
            default:
                return value;
        }
    }

    private static void Collect(JsonNode? node, List<JsonNode?> nodes)
    {
        nodes.Add(node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Collect(child, nodes);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Collect(child, nodes);
                }

                break;
        }
    }

    private static JsonNode? Value(Mutation m, List<string> raw)
    {
        switch (m.Variant % 16)
        {
            case 0: return null;
            case 1: return JsonValue.Create(true);
            case 2: return JsonValue.Create(-1);
            case 3: return JsonValue.Create(1.5);
            case 4: return JsonValue.Create("");
            case 5: return JsonValue.Create(LongString(m));
            case 6: return new JsonArray();
            case 7: return new JsonArray(1, "a", null, new JsonObject());
            case 8: return new JsonObject();
            case 9: return new JsonObject { ["a"] = new JsonObject { ["b"] = new JsonArray() } };
            case 10: return JsonValue.Create("2024-05-01T12:00:00Z");
            case 11: return JsonValue.Create("all");
            case 12: return JsonValue.Create("wf-1");
            case 13: return new JsonArray(JsonValue.Create(LongString(m)), "wf-2");
            case 14:
                raw.Add(RawValues[m.Size % RawValues.Length]);
                return JsonValue.Create($"__raw{raw.Count - 1}__");
            default: return JsonValue.Create(int.MaxValue);
        }
    }

    private static string Name(Mutation m) => (m.Variant % 5) switch
    {
        0 => "unknown",
        1 => "",
        2 => LongString(m),
        3 => "Name", // a known name in the wrong case
        _ => "x" + m.Pick,
    };

    private static string LongString(Mutation m)
    {
        var length = Math.Min(1 << m.Size, MaxStringLength);
        var builder = new StringBuilder(length + 2);
        var state = m.Pick | 1;
        while (builder.Length < length)
        {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            builder.Append(m.Variant % 3 == 0 ? Palette[state % (uint)Palette.Length] : Palette[state % 6]);
        }

        return builder.ToString();
    }

    /// <summary>Nesting as text: <see cref="JsonNode"/> writes at most 1,000 levels.</summary>
    private static string Nest(bool arrays, int depth) =>
        arrays ? new string('[', depth) + "1" + new string(']', depth) : string.Concat(Enumerable.Repeat("{\"n\":", depth)) + "1" + new string('}', depth);

    private static KeyValuePair<string, StringValues>[] MutateQuery(IReadOnlyDictionary<string, string> example, IReadOnlyList<Mutation> mutations)
    {
        var pairs = example.Select(p => new KeyValuePair<string, StringValues>(p.Key, p.Value)).ToList();
        foreach (var m in mutations)
        {
            var index = pairs.Count == 0 ? -1 : (int)(m.Pick % (uint)pairs.Count);
            switch (m.Kind % 6)
            {
                case 0 when index >= 0:
                    pairs.RemoveAt(index);
                    break;
                case 1 when index >= 0:
                    pairs[index] = new(pairs[index].Key, QueryValue(m));
                    break;
                case 2 when index >= 0:
                    pairs[index] = new(pairs[index].Key, new StringValues([pairs[index].Value.ToString(), QueryValue(m)]));
                    break;
                case 3 when index >= 0:
                    pairs[index] = new(pairs[index].Key.ToUpperInvariant(), pairs[index].Value);
                    break;
                case 4:
                    pairs.Add(new(Name(m), QueryValue(m)));
                    break;
                default:
                    if (index >= 0)
                    {
                        pairs[index] = new(pairs[index].Key, "");
                    }

                    break;
            }
        }

        return [.. pairs];
    }

    private static string QueryValue(Mutation m) => (m.Variant % 12) switch
    {
        0 => "",
        1 => LongString(m),
        2 => "-1",
        3 => "0",
        4 => "99999999999999999999",
        5 => "2024-05-01T12:00:00 01:00",
        6 => "0001-01-01",
        7 => "9999-12-31T23:59:59Z",
        8 => "1e3",
        9 => "wf-1",
        10 => Convert.ToBase64String(Encoding.UTF8.GetBytes(LongString(m))),
        _ => "Kadoa.Workflow.DataChanged",
    };
}
