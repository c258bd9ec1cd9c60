using System.Globalization;
using System.Text.Json.Nodes;
using KadoaBridge.Core.Ingest;

namespace KadoaBridge.Functions.Tests.ControlPlane;

/// <summary><c>GET /api/changes</c>: filters, newest first, continuation across pages with no gap and no duplicate.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class ChangeHistoryTests(AzuriteFixture azurite)
{
    /// <summary>History days only this class writes to (the day index is shared by every test of the assembly).</summary>
    private static readonly DateTimeOffset Day1 = new(2019, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset Day2 = new(2019, 4, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ListChanges_WorkflowOverThreePages_NewestFirstWithoutGapsOrDuplicates()
    {
        await using var harness = await ControlPlaneHarness.StartAsync(azurite);
        var workflow = ChangeEvents.NewWorkflow("wf-pages");
        var other = ChangeEvents.NewWorkflow("wf-other");
        var start = new DateTimeOffset(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var times = Enumerable.Range(0, 11).Select(i => (Id: $"{workflow}-c{i:D2}", Time: start.AddMinutes(i))).ToList();
        int[] order = [5, 0, 10, 3, 8, 1, 6, 9, 2, 7, 4]; // stored out of time order: history sorts, not arrival
        await harness.IngestAllAsync(order.Select(i => ChangeEvents.DataChange(times[i].Id, workflow, times[i].Time)));
        await harness.IngestAllAsync(Enumerable.Range(0, 3).Select(i => ChangeEvents.DataChange($"{other}-c{i}", other, start.AddMinutes(i))));

        var pages = await ReadAllPagesAsync(harness, new() { ["workflowId"] = workflow, ["pageSize"] = "4" });

        Assert.Equal([4, 4, 3], pages.Select(p => p.Count));
        Assert.Equal(times.OrderByDescending(t => t.Time).Select(t => t.Id), pages.SelectMany(p => p).Select(i => (string)i["id"]!));
    }

    [Fact]
    public async Task ListChanges_TypeFilterOverPages_OnlyThatTypeNewestFirst()
    {
        await using var harness = await ControlPlaneHarness.StartAsync(azurite);
        var workflow = ChangeEvents.NewWorkflow("wf-type");
        var start = new DateTimeOffset(2024, 7, 1, 0, 0, 0, TimeSpan.Zero);
        var finished = Enumerable.Range(0, 5).Select(i => (Id: $"{workflow}-f{i}", Time: start.AddHours(2 * i))).ToList();
        await harness.IngestAllAsync(finished.Select(f => ChangeEvents.WorkflowFinished(f.Id, workflow, f.Time)));
        await harness.IngestAllAsync(Enumerable.Range(0, 6).Select(i => ChangeEvents.DataChange($"{workflow}-d{i}", workflow, start.AddHours((2 * i) + 1))));

        var pages = await ReadAllPagesAsync(harness, new() { ["workflowId"] = workflow, ["type"] = ChangeEvents.Finished, ["pageSize"] = "2" });

        Assert.Equal(3, pages.Count);
        var items = pages.SelectMany(p => p).ToList();
        Assert.All(items, i => Assert.Equal(ChangeEvents.Finished, (string)i["type"]!));
        Assert.Equal(finished.OrderByDescending(f => f.Time).Select(f => f.Id), items.Select(i => (string)i["id"]!));
    }

    [Fact]
    public async Task ListChanges_TimeRangeWithoutWorkflow_NewestFirstAcrossDaysAndPages()
    {
        await using var harness = await ControlPlaneHarness.StartAsync(azurite);
        var workflows = new[] { ChangeEvents.NewWorkflow("wf-day-a"), ChangeEvents.NewWorkflow("wf-day-b") };
        var stored = new List<(string Id, DateTimeOffset Time)>();
        for (var i = 0; i < 10; i++)
        {
            // Three days, several hours apart, alternating workflows: pages span days and both workflows.
            stored.Add(($"day-{Guid.NewGuid():N}", Day1.AddHours(7 * i)));
        }

        await harness.IngestAllAsync(stored.Select((s, i) => ChangeEvents.DataChange(s.Id, workflows[i % 2], s.Time)));
        var from = Day1.AddHours(7);           // excludes the first change
        var to = Day1.AddHours((7 * 8) + 1);   // excludes the last
        var expected = stored.Where(s => s.Time >= from && s.Time <= to).OrderByDescending(s => s.Time).Select(s => s.Id).ToList();

        var pages = await ReadAllPagesAsync(harness, new() { ["from"] = Iso(from), ["to"] = Iso(to), ["pageSize"] = "3" });

        Assert.Equal(8, expected.Count);
        Assert.Equal(expected, pages.SelectMany(p => p).Select(i => (string)i["id"]!));
        Assert.True(pages.Count >= 3, $"Expected at least 3 pages, got {pages.Count}.");
    }

    [Fact]
    public async Task ListChanges_ManyWorkflowsWithoutWorkflowFilter_MergesTheirPartitionsNewestFirstAcrossPages()
    {
        // Workflows share 8 partitions, each with its own time index: a page merges them, and the position carries
        // over between pages, including between changes of the same minute.
        await using var harness = await ControlPlaneHarness.StartAsync(azurite);
        var workflows = new List<string>();
        for (var i = 0; i < 200 && workflows.Select(w => ChangeStore.WorkflowPartition(w)).Distinct().Count() < 3; i++)
        {
            var candidate = ChangeEvents.NewWorkflow("wf-busy");
            if (!workflows.Any(w => ChangeStore.WorkflowPartition(w) == ChangeStore.WorkflowPartition(candidate)))
            {
                workflows.Add(candidate);
            }
        }

        Assert.Equal(3, workflows.Count);
        var stored = Enumerable.Range(0, 23).Select(i => (Id: $"busy-{Guid.NewGuid():N}", Time: Day2.AddMinutes(i / 3))).ToList();
        await harness.IngestAllAsync(stored.Select((s, i) => i % 4 == 0
            ? ChangeEvents.WorkflowFinished(s.Id, workflows[i % 3], s.Time)
            : ChangeEvents.DataChange(s.Id, workflows[i % 3], s.Time)));
        var newestFirst = stored.Select((s, i) => (s.Id, s.Time, Finished: i % 4 == 0)).OrderByDescending(s => s.Time).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();

        var pages = await ReadAllPagesAsync(harness, new() { ["from"] = Iso(Day2), ["to"] = Iso(Day2.AddHours(1)), ["pageSize"] = "4" });
        var finished = await ReadAllPagesAsync(harness, new() { ["from"] = Iso(Day2), ["to"] = Iso(Day2.AddHours(1)), ["type"] = ChangeEvents.Finished, ["pageSize"] = "4" });

        Assert.Equal([4, 4, 4, 4, 4, 3], pages.Select(p => p.Count));
        Assert.Equal(newestFirst.Select(s => s.Id), pages.SelectMany(p => p).Select(i => (string)i["id"]!));
        Assert.Equal(6, finished.Sum(p => p.Count));
        Assert.Equal(newestFirst.Where(s => s.Finished).Select(s => s.Id), finished.SelectMany(p => p).Select(i => (string)i["id"]!));
    }

    [Fact]
    public async Task ListChanges_WorkflowAndTimeRange_OnlyChangesInside()
    {
        await using var harness = await ControlPlaneHarness.StartAsync(azurite);
        var workflow = ChangeEvents.NewWorkflow("wf-range");
        var start = new DateTimeOffset(2024, 8, 1, 0, 0, 0, TimeSpan.Zero);
        await harness.IngestAllAsync(Enumerable.Range(0, 6).Select(i => ChangeEvents.DataChange($"{workflow}-{i}", workflow, start.AddDays(i))));

        var pages = await ReadAllPagesAsync(harness, new() { ["workflowId"] = workflow, ["from"] = "2024-08-02", ["to"] = "2024-08-04T00:00:00Z", ["pageSize"] = "2" });

        Assert.Equal([$"{workflow}-3", $"{workflow}-2", $"{workflow}-1"], pages.SelectMany(p => p).Select(i => (string)i["id"]!));
    }

    [Fact]
    public async Task ListChanges_Item_CarriesTheStoredCloudEvent()
    {
        await using var harness = await ControlPlaneHarness.StartAsync(azurite);
        var workflow = ChangeEvents.NewWorkflow("wf-item");
        var id = workflow + "-only";
        var time = new DateTimeOffset(2024, 9, 1, 8, 30, 0, TimeSpan.Zero);
        await harness.IngestAllAsync([ChangeEvents.DataChange(id, workflow, time)]);

        var answer = (await harness.ListAsync(new Dictionary<string, string> { ["workflowId"] = workflow })).AssertStatus(200);

        Assert.StartsWith("application/json", answer.ContentType, StringComparison.Ordinal);
        var item = Assert.Single(answer.Json["items"]!.AsArray())!;
        Assert.Equal(id, (string)item["id"]!);
        Assert.Equal(workflow, (string)item["workflowId"]!);
        Assert.Equal(ChangeEvents.DataChanged, (string)item["type"]!);
        Assert.Equal($"workflows/{workflow}/changes/{id}", (string)item["subject"]!);
        Assert.Equal(time, DateTimeOffset.Parse((string)item["time"]!, CultureInfo.InvariantCulture));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(ChangeEvents.DataChange(id, workflow, time)), item["event"]), item["event"]!.ToJsonString());
        Assert.Null(answer.Json["continuationToken"]);
    }

    /// <summary>Follows continuation tokens to the end (at most 20 pages) with the same filters; asserts no id comes twice.</summary>
    internal static async Task<List<List<JsonNode>>> ReadAllPagesAsync(ControlPlaneHarness harness, Dictionary<string, string> query)
    {
        var pages = new List<List<JsonNode>>();
        for (var i = 0; i < 20; i++)
        {
            var answer = (await harness.ListAsync(query)).AssertStatus(200);
            pages.Add([.. answer.Json["items"]!.AsArray().Select(n => n!)]);
            var token = answer.Json["continuationToken"]?.GetValue<string>();
            if (token is null)
            {
                var ids = pages.SelectMany(p => p).Select(n => (string)n["id"]!).ToList();
                Assert.Equal(ids.Count, ids.Distinct().Count());
                return pages;
            }

            query = new Dictionary<string, string>(query) { ["continuationToken"] = token };
        }

        throw new InvalidOperationException("More than 20 pages.");
    }

    internal static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
