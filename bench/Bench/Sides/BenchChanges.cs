using System.Text.Json.Nodes;

namespace KadoaBridge.Bench.Sides;

/// <summary>The changes the benchmarks emit: small <c>workflow_data_change</c> payloads over 50 workflows, each with a fresh change id.</summary>
public static class BenchChanges
{
    public const string DataChange = "workflow_data_change";

    /// <summary>Change <paramref name="i"/>: two snapshot rows and one changed field (about 700 bytes as a frame).</summary>
    public static (string Type, JsonNode? Payload) Small(int i) => (DataChange, new JsonObject
    {
        ["id"] = $"chg-bench-{Guid.NewGuid():N}",
        ["workflowId"] = $"wf-{i % 50}",
        ["url"] = $"https://shop.example/products/{i}",
        ["createdAt"] = DateTimeOffset.UtcNow.ToString("O"),
        ["data"] = new JsonArray(
            new JsonObject { ["title"] = "Espresso machine", ["price"] = 199.99 + (i % 7) },
            new JsonObject { ["title"] = "Milk frother", ["price"] = 39.5 }),
        ["differences"] = new JsonArray(new JsonObject
        {
            ["type"] = "changed",
            ["fields"] = new JsonArray(new JsonObject { ["key"] = "price", ["value"] = 199.99 + (i % 7), ["previousValue"] = 209.99 }),
        }),
    });
}
