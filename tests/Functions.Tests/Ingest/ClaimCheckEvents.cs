using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using KadoaBridge.Core.Contract;
using KadoaBridge.Core.Kadoa.Realtime;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Functions.Tests.Ingest;

/// <summary>
/// Events that carry claim-check references: mapped from a Kadoa frame and stored exactly as the listener does, or with
/// a reference written by hand (an old name, a foreign one) to see what ingest and the control plane follow.
/// </summary>
internal static class ClaimCheckEvents
{
    /// <summary>Event ids with characters a URL or a blob name treats specially, and the shapes of a path traversal.</summary>
    public static readonly TheoryData<string> ReservedIds = new()
    {
        "a/b",
        "a%2Fb",
        "x?y#z",
        "ünï cødé ☃ 😀",
        "..",
        ".",
        "..%2F..%2Fdeadletters",
    };

    /// <summary>
    /// A listener whose ingress budget is small, so a snapshot of 64 KiB (or 1,000 difference fields) goes to a
    /// claim-check, yet an event whose id is 1,200 characters (in its id, subject and links) still fits with a snapshot reference.
    /// </summary>
    public const int ListenerBudget = 32 * 1024;

    /// <summary>
    /// <see cref="SampleEvents.Rows"/> with a first row no other test has, so reading another event's blob (an old name
    /// shared by two ids) shows as a wrong snapshot rather than an equal one.
    /// </summary>
    public static string UniqueRows(int bytes) => $$"""[{"marker":"{{Guid.NewGuid():N}}"},""" + SampleEvents.Rows(bytes)[1..];

    /// <summary>Maps a <c>workflow_data_change</c> frame as the listener does and stores its claim-check where the listener would.</summary>
    public static async Task<MappedEvent> MapAndStoreAsync(ClaimCheckStore store, string changeId, string workflowId, string snapshotRows, int differenceFields = 1, JsonObject? extraPayload = null)
    {
        var differences = new JsonArray(new JsonObject
        {
            ["type"] = "changed",
            ["fields"] = new JsonArray(Enumerable.Range(0, differenceFields).Select(i => (JsonNode?)new JsonObject { ["key"] = $"field-{i}", ["value"] = $"a value of field number {i}" }).ToArray()),
        });
        var payload = new JsonObject
        {
            ["id"] = changeId,
            ["workflowId"] = workflowId,
            ["createdAt"] = "2025-01-08T20:20:04.663Z",
            ["data"] = JsonNode.Parse(snapshotRows),
            ["differences"] = differences,
        };
        foreach (var (name, value) in extraPayload ?? new JsonObject())
        {
            payload[name] = value?.DeepClone();
        }

        var frame = new JsonObject { ["type"] = "workflow_data_change", ["timestamp"] = 1736367604663, ["id"] = "dlv-" + Guid.NewGuid().ToString("N"), ["data"] = payload };
        var mapper = new CloudEventMapper(new CloudEventMapperSettings(ListenerBudget, store.ContainerUrl, new Uri("https://api.kadoa.com")));
        using var decoded = FrameDecoder.Decode(Encoding.UTF8.GetBytes(frame.ToJsonString()), DateTimeOffset.UtcNow).Frame!;
        var mapped = mapper.Map(decoded, "team-1");
        if (mapped.ClaimCheck is { } claimCheck)
        {
            await store.UploadAsync(claimCheck, CancellationToken.None);
        }

        return mapped;
    }

    /// <summary><see cref="SampleEvents.DataChange"/> with <c>data.snapshot</c> replaced by <c>data.snapshotRef</c> pointing at <paramref name="url"/>.</summary>
    public static string WithSnapshotRef(string id, string workflowId, string url) =>
        WithReference(SampleEvents.DataChange(id, workflowId), CloudEventNames.SnapshotRef, url, removeSnapshot: true);

    /// <summary>A data change whose whole <c>data</c> is by reference (<c>data.payloadRef</c>) at <paramref name="url"/>.</summary>
    public static string WithPayloadRef(string id, string workflowId, string url)
    {
        var cloudEvent = JsonNode.Parse(SampleEvents.DataChange(id, workflowId))!.AsObject();
        cloudEvent["data"] = new JsonObject { ["changeId"] = id, ["workflowId"] = workflowId };
        return WithReference(cloudEvent.ToJsonString(), CloudEventNames.PayloadRef, url, removeSnapshot: false);
    }

    /// <summary>The name the bridge gives a claim-check blob now: <c>{lowercase hex SHA-256 of the UTF-8 id}/{part}.json</c>.</summary>
    public static string HashedName(string id, string part) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id))) + "/" + part + ".json";

    /// <summary>The name earlier versions gave it: <c>{Uri.EscapeDataString(id)}/{part}.json</c>.</summary>
    public static string OldName(string id, string part) => Uri.EscapeDataString(id) + "/" + part + ".json";

    /// <summary>The URL the listener wrote for a name (the container's URL, a slash, the name as it is).</summary>
    public static string ListenerUrl(ClaimCheckStore store, string name) => store.ContainerUrl.AbsoluteUri.TrimEnd('/') + "/" + name;

    private static string WithReference(string cloudEventJson, string property, string url, bool removeSnapshot)
    {
        var cloudEvent = JsonNode.Parse(cloudEventJson)!.AsObject();
        var data = cloudEvent["data"]!.AsObject();
        if (removeSnapshot)
        {
            data.Remove(CloudEventNames.Snapshot);
        }

        data[property] = new JsonObject { ["url"] = url, ["size"] = 64, ["contentType"] = "application/json" };
        return cloudEvent.ToJsonString();
    }
}
