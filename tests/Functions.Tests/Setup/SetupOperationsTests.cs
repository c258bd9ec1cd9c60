namespace KadoaBridge.Functions.Tests.Setup;

/// <summary><c>GET /api/setup</c>, <c>DELETE /api/setup/workflows/{workflowId}</c> and <c>POST /api/setup/test</c>.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SetupOperationsTests(AzuriteFixture azurite)
{
    private const string DataChange = "workflow_data_change";
    private const string Failed = "workflow_failed";

    [Fact]
    public async Task Show_AfterSetup_ListsChannelAndItsSettingsBesideTheRecord()
    {
        await using var context = await SetupTestContext.StartAsync(azurite);
        var webhook = context.Simulator.SeedChannel("ops-hook", "WEBHOOK");
        context.Simulator.SeedSetting(DataChange, [webhook], "wf-a");
        context.Simulator.SeedSetting(DataChange, [webhook], "wf-other");
        (await context.PostSetupAsync("""{"workflowIds":["wf-a","wf-b"]}""")).AssertOk();

        var answer = (await context.GetSetupAsync()).AssertOk();

        var ours = context.WebSocketChannelId();
        Assert.Equal(ours, answer.Body["channel"]!["id"]!.GetValue<string>());
        Assert.Equal(2, answer.Body["channel"]!["linkedConfigurations"]!.AsArray().Count);
        Assert.Equal(["wf-a", "wf-b"], answer.Body["settings"]!.AsArray().Select(s => s!["workflowId"]!.GetValue<string>()).Order());
        var merged = answer.Body["settings"]!.AsArray().Single(s => s!["workflowId"]!.GetValue<string>() == "wf-a")!;
        Assert.Equal([webhook, ours], merged["channels"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()));
        var record = answer.Body["record"]!;
        Assert.Equal(ours, record["channel"]!["channelId"]!.GetValue<string>());
        Assert.Equal(2, record["links"]!.AsArray().Count);
        Assert.True(record["lastSetup"]!["complete"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Show_BeforeAnySetup_ShowsNoChannelAndAnEmptyRecord()
    {
        await using var context = await SetupTestContext.StartAsync(azurite);

        var answer = (await context.GetSetupAsync()).AssertOk();

        Assert.Null(answer.Body["channel"]);
        Assert.Empty(answer.Body["settings"]!.AsArray());
        Assert.Empty(answer.Body["record"]!["links"]!.AsArray());
    }

    [Fact]
    public async Task Show_KadoaRefusesKey_Returns502()
    {
        await using var context = await SetupTestContext.StartAsync(azurite);
        context.Simulator.ApiKeyAccepted = "another-key";

        var answer = (await context.GetSetupAsync()).AssertProblem(502);

        Assert.Contains("refused the API key", answer.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unlink_Workflow_RemovesOnlyOurChannelFromThatWorkflow()
    {
        await using var context = await SetupTestContext.StartAsync(azurite);
        var webhook = context.Simulator.SeedChannel("ops-hook", "WEBHOOK");
        var shared = context.Simulator.SeedSetting(DataChange, [webhook], "wf-a");
        (await context.PostSetupAsync("""{"workflowIds":["wf-a","wf-b"],"eventTypes":["workflow_data_change","workflow_failed"]}""")).AssertOk();
        var ours = context.WebSocketChannelId();

        var answer = (await context.UnlinkAsync("wf-a")).AssertOk();

        Assert.Equal([("wf-a", DataChange)], answer.Items("updated"));
        Assert.Equal([("wf-a", Failed)], answer.Items("deleted"));
        var kept = Assert.Single(context.SettingsOf("wf-a"));
        Assert.Equal(shared, kept["id"]!.GetValue<string>());
        Assert.Equal([webhook], SetupTestContext.ChannelIdsOf(kept));
        Assert.Equal(2, context.SettingsOf("wf-b").Count);
        Assert.All(context.SettingsOf("wf-b"), s => Assert.Equal([ours], SetupTestContext.ChannelIdsOf(s)));
        Assert.Equal(2, context.Simulator.Channels.Count);
        Assert.All(await context.RecordedLinksAsync(), l => Assert.Equal("wf-b", l.WorkflowId));
        Assert.Equal(2, (await context.RecordedLinksAsync()).Count);

        var again = (await context.UnlinkAsync("wf-a")).AssertOk();
        Assert.Empty(again.Items("updated"));
        Assert.Empty(again.Items("deleted"));
        Assert.Equal([webhook], SetupTestContext.ChannelIdsOf(Assert.Single(context.SettingsOf("wf-a"))));
    }

    [Fact]
    public async Task Unlink_NoWebSocketChannel_ChangesNothing()
    {
        await using var context = await SetupTestContext.StartAsync(azurite);
        var webhook = context.Simulator.SeedChannel("ops-hook", "WEBHOOK");
        context.Simulator.SeedSetting(DataChange, [webhook], "wf-a");

        var answer = (await context.UnlinkAsync("wf-a")).AssertOk();

        Assert.Null(answer.Body["channelId"]);
        Assert.Empty(context.Writes());
        Assert.Single(context.SettingsOf("wf-a"));
    }

    [Fact]
    public async Task Test_WithEventType_AsksKadoaToSendIt()
    {
        await using var context = await SetupTestContext.StartAsync(azurite);

        var answer = (await context.PostTestAsync("""{"eventType":"workflow_failed","workflowId":"wf-a"}""")).AssertOk();

        var sent = Assert.Single(context.Simulator.Log);
        Assert.Equal(Failed, sent.Type);
        Assert.Equal(sent.DeliveryId, answer.Body["eventId"]!.GetValue<string>());
        Assert.Equal("wf-a", answer.Body["workflowId"]!.GetValue<string>());
        Assert.Equal(1, context.Count("POST /v5/notifications/test"));
    }

    [Fact]
    public async Task Test_WithoutBody_SendsADataChange()
    {
        await using var context = await SetupTestContext.StartAsync(azurite);

        var answer = (await context.PostTestAsync(null, null)).AssertOk();

        Assert.Equal(DataChange, Assert.Single(context.Simulator.Log).Type);
        Assert.Equal(DataChange, answer.Body["eventType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Test_KadoaFailsBeyondRetries_Returns502WithKadoasMessage()
    {
        await using var context = await SetupTestContext.StartAsync(azurite);
        context.Simulator.FailNextRequests("/v5/notifications/test", 500, SetupTestContext.RetryAttempts + 1);

        var answer = (await context.PostTestAsync("{}")).AssertProblem(502);

        Assert.Contains("Internal Server Error (simulated)", answer.Detail, StringComparison.Ordinal);
        Assert.Empty(context.Simulator.Log);
    }
}
