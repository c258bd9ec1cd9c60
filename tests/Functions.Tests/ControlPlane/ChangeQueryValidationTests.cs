namespace KadoaBridge.Functions.Tests.ControlPlane;

/// <summary>Bad input to the history endpoints: 400 problem+json naming the parameter, never a query.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class ChangeQueryValidationTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("from", "yesterday", "from")]
    [InlineData("from", "2024-13-01", "from")]
    [InlineData("from", "01/02/2024", "from")]
    [InlineData("to", "2024-05-01T25:00:00Z", "to")]
    [InlineData("from", "2024-05-02", "from", "to", "2024-05-01")]
    [InlineData("from", "2024-01-01", "from", "to", "2024-05-01")] // 121 days without a workflow
    [InlineData("pageSize", "0", "pageSize")]
    [InlineData("pageSize", "201", "pageSize")]
    [InlineData("pageSize", "ten", "pageSize")]
    [InlineData("pageSize", "-5", "pageSize")]
    [InlineData("type", "", "type")]
    [InlineData("workflowId", "", "workflowId")]
    [InlineData("workflowId", "a/b", "workflowId")]
    [InlineData("workflowId", "wf' or PartitionKey ne '", "workflowId")]
    [InlineData("continuationToken", "not-a-token!", "continuationToken")]
    [InlineData("continuationToken", "WyJ4IiwieSJd", "continuationToken")] // ["x","y"]: decodes, but no partition of ours
    [InlineData("wrkflowId", "wf-1", "wrkflowId")]
    public async Task ListChanges_BadParameter_400NamingIt(string name, string value, string field, string? name2 = null, string? value2 = null)
    {
        await using var harness = await ControlPlaneHarness.StartAsync(azurite);
        var query = new Dictionary<string, string> { [name] = value };
        if (name2 is not null)
        {
            query[name2] = value2!;
        }

        (await harness.ListAsync(query)).AssertProblem(400, field);
    }

    [Fact]
    public async Task ListChanges_TokenOfAnotherWorkflow_400NamingContinuationToken()
    {
        await using var harness = await ControlPlaneHarness.StartAsync(azurite);
        var workflow = ChangeEvents.NewWorkflow("wf-token");
        var start = new DateTimeOffset(2024, 10, 1, 0, 0, 0, TimeSpan.Zero);
        await harness.IngestAllAsync(Enumerable.Range(0, 3).Select(i => ChangeEvents.DataChange($"{workflow}-{i}", workflow, start.AddMinutes(i))));
        var first = (await harness.ListAsync(new Dictionary<string, string> { ["workflowId"] = workflow, ["pageSize"] = "1" })).AssertStatus(200);
        var token = first.Json["continuationToken"]!.GetValue<string>();

        var answer = await harness.ListAsync(new Dictionary<string, string> { ["workflowId"] = ChangeEvents.NewWorkflow("wf-else"), ["continuationToken"] = token });

        answer.AssertProblem(400, "continuationToken");
    }

    [Fact]
    public async Task ListChanges_TokenOfAnotherWorkflowInTheSamePartition_400NamingContinuationToken()
    {
        await using var harness = await ControlPlaneHarness.StartAsync(azurite);
        var workflow = ChangeEvents.NewWorkflow("wf-shared");
        var partition = KadoaBridge.Core.Ingest.ChangeStore.WorkflowPartition(workflow);
        var neighbour = Enumerable.Range(0, 1_000).Select(i => $"{workflow}-n{i}")
            .First(candidate => KadoaBridge.Core.Ingest.ChangeStore.WorkflowPartition(candidate) == partition); // workflows share 8 partitions
        var start = new DateTimeOffset(2024, 10, 3, 0, 0, 0, TimeSpan.Zero);
        await harness.IngestAllAsync(Enumerable.Range(0, 3).Select(i => ChangeEvents.DataChange($"{workflow}-{i}", workflow, start.AddMinutes(i))));
        var first = (await harness.ListAsync(new Dictionary<string, string> { ["workflowId"] = workflow, ["pageSize"] = "1" })).AssertStatus(200);
        var token = first.Json["continuationToken"]!.GetValue<string>();

        var answer = await harness.ListAsync(new Dictionary<string, string> { ["workflowId"] = neighbour, ["continuationToken"] = token });

        answer.AssertProblem(400, "continuationToken");
    }

    [Fact]
    public async Task ListChanges_ForgedTokens_NeverLeaveTheQuerysFilters()
    {
        await using var harness = await ControlPlaneHarness.StartAsync(azurite);
        var workflow = ChangeEvents.NewWorkflow("wf-forged");
        var start = new DateTimeOffset(2024, 10, 2, 0, 0, 0, TimeSpan.Zero);
        await harness.IngestAllAsync(Enumerable.Range(0, 3).Select(i => ChangeEvents.DataChange($"{workflow}-{i}", workflow, start.AddMinutes(i))));

        var otherPartition = await harness.ListAsync(new Dictionary<string, string> { ["workflowId"] = workflow, ["continuationToken"] = Token("day|20241002", "") });
        var garbagePosition = await harness.ListAsync(new Dictionary<string, string> { ["workflowId"] = workflow, ["continuationToken"] = Token(KadoaBridge.Core.Ingest.ChangeStore.WorkflowPartition(workflow), "garbage") });

        otherPartition.AssertProblem(400, "continuationToken");
        garbagePosition.AssertStatus(200); // the position is the service's business; the filter still holds
        Assert.All(garbagePosition.Json["items"]!.AsArray(), item => Assert.Equal(workflow, (string)item!["workflowId"]!));
    }

    [Theory]
    [InlineData("a/b", "chg-1", "workflowId")]
    [InlineData("wf-1", "", "changeId")]
    [InlineData("wf-1", "bad\u0001id", "changeId")]
    public async Task GetChange_BadRouteValue_400NamingIt(string workflowId, string changeId, string field)
    {
        await using var harness = await ControlPlaneHarness.StartAsync(azurite);

        (await harness.GetChangeAsync(workflowId, changeId)).AssertProblem(400, field);
    }

    /// <summary>A token in the history store's format (base64url of <c>[partition, sdkToken]</c>), forged.</summary>
    private static string Token(string partition, string position) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"[\"{partition}\",\"{position}\"]")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
