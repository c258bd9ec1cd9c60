using System.Text;
using System.Text.Json.Nodes;

namespace KadoaBridge.KadoaSimulator;

/// <summary>
/// Builds <c>workflow_data_change</c> payloads shaped like Kadoa's (PROTOCOL.md): change id, workflow id, full
/// snapshot, differences of every kind with values of mixed JSON types, page URL, creation time.
/// </summary>
internal static class DataChangeFactory
{
    private static readonly string[] Titles = ["Espresso Machine", "Café Mug", "Grinder Pro", "Milk Frother", "Tamper 58 mm", "Descaler"];

    public static JsonObject Create(string workflowId, int snapshotRows, DateTimeOffset createdAt)
    {
        var seed = Random.Shared.Next(1000, 9999);
        var data = new JsonArray();
        for (var i = 0; i < snapshotRows; i++)
        {
            data.Add(Row(seed, i, padding: null));
        }

        return Payload(workflowId, data, Differences(seed, snapshotRows), createdAt);
    }

    public static JsonObject CreateOfSize(string workflowId, int approximateBytes, DateTimeOffset createdAt)
    {
        const int RowPadding = 960;
        var seed = Random.Shared.Next(1000, 9999);
        var differences = Differences(seed, 1);
        var baseSize = Size(Payload(workflowId, [], differences.DeepClone().AsArray(), createdAt));
        var rowSize = Size(Row(seed, 0, Padding(RowPadding))) + 1;
        var remaining = Math.Max(0, approximateBytes - baseSize);
        var rows = remaining / rowSize;
        var data = new JsonArray();
        for (var i = 0; i < rows; i++)
        {
            data.Add(Row(seed, i, Padding(RowPadding)));
        }

        // Close the gap with one shorter row, when a row with an empty description still fits.
        var gap = remaining - (rows * rowSize);
        var emptyRowSize = Size(Row(seed, (int)rows, string.Empty)) + 1;
        if (gap > emptyRowSize)
        {
            data.Add(Row(seed, (int)rows, Padding(gap - emptyRowSize)));
        }

        return Payload(workflowId, data, differences, createdAt);
    }

    private static JsonObject Payload(string workflowId, JsonArray data, JsonArray differences, DateTimeOffset createdAt) => new()
    {
        ["id"] = "chg-" + Guid.NewGuid().ToString("N"),
        ["workflowId"] = workflowId,
        ["data"] = data,
        ["differences"] = differences,
        ["url"] = "https://shop.example.com/espresso?page=1",
        ["createdAt"] = EnvelopeWriter.IsoTimestamp(createdAt),
    };

    private static JsonObject Row(int seed, int index, string? padding)
    {
        var row = new JsonObject
        {
            ["title"] = $"{Titles[index % Titles.Length]} #{seed}-{index}",
            ["price"] = Math.Round(9.99 + (index * 3.5), 2),
            ["currency"] = "EUR",
            ["inStock"] = index % 3 != 1,
            ["rating"] = index % 4 == 3 ? null : (JsonNode)(3 + (index % 3)),
            ["url"] = $"https://shop.example.com/p/{seed}-{index}",
        };
        if (padding is not null)
        {
            row["description"] = padding;
        }

        return row;
    }

    private static JsonArray Differences(int seed, int snapshotRows)
    {
        var changed = new JsonObject
        {
            ["type"] = "changed",
            ["fields"] = new JsonArray(
                Field("price", 8.49, 9.99),
                Field("inStock", false, true),
                Field("title", $"{Titles[0]} #{seed}-0", $"{Titles[0]} (old) #{seed}-0")),
        };
        var added = new JsonObject
        {
            ["type"] = "added",
            ["fields"] = new JsonArray(
                Field("title", $"{Titles[(snapshotRows + 1) % Titles.Length]} #{seed}-{snapshotRows}"),
                Field("price", 24),
                Field("rating", null),
                Field("tags", new JsonArray("new", "featured"))),
        };
        var removed = new JsonObject
        {
            ["type"] = "removed",
            ["fields"] = new JsonArray(
                Field("title", $"Discontinued #{seed}"),
                Field("price", "12.90")),
        };
        return [changed, added, removed];
    }

    private static JsonObject Field(string key, JsonNode? value) => new() { ["key"] = key, ["value"] = value };

    private static JsonObject Field(string key, JsonNode? value, JsonNode? previousValue) =>
        new() { ["key"] = key, ["value"] = value, ["previousValue"] = previousValue };

    private static string Padding(long length)
    {
        const string Text = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ";
        var builder = new StringBuilder((int)length);
        while (builder.Length < length)
        {
            builder.Append(Text, 0, (int)Math.Min(Text.Length, length - builder.Length));
        }

        return builder.ToString();
    }

    private static long Size(JsonNode node) => EnvelopeWriter.Serialize(node).LongLength;
}
