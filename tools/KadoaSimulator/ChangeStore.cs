using System.Text.Json.Nodes;

namespace KadoaBridge.KadoaSimulator;

/// <summary>The data changes emitted so far, as <c>GET /v5/changes</c> serves them.</summary>
internal sealed class ChangeStore
{
    private readonly Lock _gate = new();
    private readonly List<Entry> _entries = [];
    private readonly Dictionary<string, Entry> _byId = new(StringComparer.Ordinal);

    public void Add(string changeId, string workflowId, DateTimeOffset createdAt, byte[] payloadJson, bool dataPending)
    {
        lock (_gate)
        {
            var entry = new Entry(changeId, workflowId, createdAt, payloadJson, _entries.Count) { DataPending = dataPending };
            _entries.Add(entry);
            _byId[changeId] = entry;
        }
    }

    public bool SetDataPending(string changeId, bool dataPending)
    {
        lock (_gate)
        {
            if (!_byId.TryGetValue(changeId, out var entry))
            {
                return false;
            }

            entry.DataPending = dataPending;
            return true;
        }
    }

    public JsonObject? Get(string changeId)
    {
        lock (_gate)
        {
            return _byId.TryGetValue(changeId, out var entry) ? entry.ToJson() : null;
        }
    }

    /// <summary>Changes matching the filters, newest first (<c>createdAt</c>, then emit order), and the total before paging.</summary>
    public (List<JsonObject> Page, int Total) Query(HashSet<string>? workflowIds, DateTimeOffset? start, DateTimeOffset? end, int skip, int limit)
    {
        lock (_gate)
        {
            var matches = _entries
                .Where(e => workflowIds is null || workflowIds.Contains(e.WorkflowId))
                .Where(e => start is null || e.CreatedAt >= start)
                .Where(e => end is null || e.CreatedAt <= end)
                .OrderByDescending(e => e.CreatedAt)
                .ThenByDescending(e => e.Order)
                .ToList();
            return ([.. matches.Skip(skip).Take(limit).Select(e => e.ToJson())], matches.Count);
        }
    }

    private sealed class Entry(string changeId, string workflowId, DateTimeOffset createdAt, byte[] payloadJson, int order)
    {
        public string ChangeId { get; } = changeId;

        public string WorkflowId { get; } = workflowId;

        public DateTimeOffset CreatedAt { get; } = createdAt;

        public int Order { get; } = order;

        public bool DataPending { get; set; }

        /// <summary>The event payload plus the fields only the REST object has.</summary>
        public JsonObject ToJson()
        {
            var change = JsonNode.Parse(payloadJson)!.AsObject();
            change["dataPending"] = DataPending;
            if (DataPending)
            {
                change["data"] = null;
            }

            if (!change.ContainsKey("summary"))
            {
                change["summary"] = $"{CountDifferences(change)} difference(s) detected on the monitored page.";
            }

            if (!change.ContainsKey("screenshotUrl"))
            {
                change["screenshotUrl"] = $"https://screenshots.example.com/{ChangeId}.png";
            }

            return change;
        }

        private static int CountDifferences(JsonObject change) => change["differences"] is JsonArray differences ? differences.Count : 0;
    }
}
