using System.Text.Json.Nodes;
using KadoaBridge.Core.Kadoa.Provisioning;

namespace KadoaBridge.Functions.Tests.Setup;

/// <summary><c>POST /api/setup</c> against the Kadoa simulator and Azurite: what it creates, merges and leaves alone.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SetupApplyTests(AzuriteFixture azurite)
{
    private const string DataChange = "workflow_data_change";

    [Fact]
    public async Task Setup_FirstCall_CreatesChannelAndSettingsAndRecordsThem()
    {
        await using var context = await SetupTestContext.StartAsync(azurite);

        var answer = (await context.PostSetupAsync("""{"workflowIds":["wf-a","wf-b"]}""")).AssertOk();

        var channel = Assert.Single(context.Simulator.Channels);
        Assert.Equal("WEBSOCKET", channel["channelType"]!.GetValue<string>());
        Assert.Equal("azure-event-grid-bridge", channel["name"]!.GetValue<string>());
        var channelId = channel["id"]!.GetValue<string>();
        Assert.Equal(channelId, answer.Body["channel"]!["id"]!.GetValue<string>());
        Assert.True(answer.Body["channel"]!["created"]!.GetValue<bool>());
        Assert.True(answer.Body["complete"]!.GetValue<bool>());
        Assert.Equal([("wf-a", DataChange), ("wf-b", DataChange)], answer.Items("created"));
        Assert.Empty(answer.Items("updated"));
        Assert.Empty(answer.Items("unchanged"));
        foreach (var workflowId in new[] { "wf-a", "wf-b" })
        {
            var setting = Assert.Single(context.SettingsOf(workflowId));
            Assert.Equal(DataChange, setting["eventType"]!.GetValue<string>());
            Assert.True(setting["enabled"]!.GetValue<bool>());
            Assert.Equal([channelId], SetupTestContext.ChannelIdsOf(setting));
        }

        var links = await context.RecordedLinksAsync();
        Assert.Equal(["wf-a", "wf-b"], links.Select(l => l.WorkflowId).Order());
        Assert.All(links, l => Assert.Equal("created", l.Action));
        var recordedChannel = await context.RecordRowAsync("channel", "websocket");
        Assert.Equal(channelId, recordedChannel!.GetString("ChannelId"));
        Assert.True(recordedChannel.GetBoolean("CreatedByBridge"));
        Assert.True((await context.RecordRowAsync("setup", "last"))!.GetBoolean("Complete"));
    }

    [Fact]
    public async Task Setup_SecondCall_ChangesNothing()
    {
        await using var context = await SetupTestContext.StartAsync(azurite);
        const string body = """{"workflowIds":["wf-a","wf-b"],"eventTypes":["workflow_data_change","workflow_failed"]}""";
        (await context.PostSetupAsync(body)).AssertOk();
        var settingsBefore = context.Simulator.Settings.Select(s => s.ToJsonString()).ToList();
        var writesBefore = context.Writes().Count;

        var second = (await context.PostSetupAsync(body)).AssertOk();

        Assert.Equal(writesBefore, context.Writes().Count);
        Assert.Equal(settingsBefore, context.Simulator.Settings.Select(s => s.ToJsonString()).ToList());
        Assert.Single(context.Simulator.Channels);
        Assert.False(second.Body["channel"]!["created"]!.GetValue<bool>());
        Assert.Empty(second.Items("created"));
        Assert.Empty(second.Items("updated"));
        Assert.Equal(4, second.Items("unchanged").Count);
        var links = await context.RecordedLinksAsync();
        Assert.Equal(4, links.Count);
        Assert.All(links, l => Assert.Equal("unchanged", l.Action));
        Assert.True((await context.RecordRowAsync("channel", "websocket"))!.GetBoolean("CreatedByBridge"));
    }

    [Fact]
    public async Task Setup_ExistingWebSocketChannel_IsReusedWhateverItsName()
    {
        await using var context = await SetupTestContext.StartAsync(azurite);
        var existing = context.Simulator.SeedChannel("made-by-someone-else");
        context.Simulator.SeedChannel("ops-hook", "WEBHOOK");

        var answer = (await context.PostSetupAsync("""{"workflowIds":["wf-a"]}""")).AssertOk();

        Assert.Equal(existing, context.WebSocketChannelId());
        Assert.Equal(2, context.Simulator.Channels.Count);
        Assert.Equal(0, context.Count("POST /v5/notifications/channels"));
        Assert.Equal(existing, answer.Body["channel"]!["id"]!.GetValue<string>());
        Assert.False(answer.Body["channel"]!["created"]!.GetValue<bool>());
        Assert.Equal([existing], SetupTestContext.ChannelIdsOf(Assert.Single(context.SettingsOf("wf-a"))));
        Assert.Null((await context.RecordRowAsync("channel", "websocket"))!.GetBoolean("CreatedByBridge"));
    }

    [Fact]
    public async Task Setup_ExistingSetting_MergesChannelWithoutDroppingOthers()
    {
        await using var context = await SetupTestContext.StartAsync(azurite);
        var webhook = context.Simulator.SeedChannel("ops-hook", "WEBHOOK");
        var email = context.Simulator.SeedChannel("ops-mail", "EMAIL");
        var settingId = context.Simulator.SeedSetting(DataChange, [webhook, email], "wf-a", enabled: false);

        var answer = (await context.PostSetupAsync("""{"workflowIds":["wf-a"]}""")).AssertOk();

        var ours = context.WebSocketChannelId();
        var setting = Assert.Single(context.SettingsOf("wf-a"));
        Assert.Equal(settingId, setting["id"]!.GetValue<string>());
        Assert.Equal([webhook, email, ours], SetupTestContext.ChannelIdsOf(setting));
        Assert.False(setting["enabled"]!.GetValue<bool>());
        Assert.Equal([("wf-a", DataChange)], answer.Items("updated"));
        Assert.Empty(answer.Items("created"));
        var updated = answer.Body["updated"]![0]!;
        Assert.Equal(settingId, updated["settingId"]!.GetValue<string>());
        Assert.Equal(3, updated["channelIds"]!.AsArray().Count);
        Assert.Equal("updated", Assert.Single(await context.RecordedLinksAsync()).Action);
    }

    [Fact]
    public async Task Setup_WorkspaceLevel_CreatesWorkspaceSettingsOnly()
    {
        await using var context = await SetupTestContext.StartAsync(azurite);
        var webhook = context.Simulator.SeedChannel("ops-hook", "WEBHOOK");
        context.Simulator.SeedSetting("workflow_failed", [webhook]);

        var answer = (await context.PostSetupAsync("""{"workspaceLevel":true,"eventTypes":["workflow_data_change","workflow_failed"]}""")).AssertOk();

        var ours = context.WebSocketChannelId();
        var workspace = context.SettingsOf(null);
        Assert.Equal(2, workspace.Count);
        Assert.Equal(workspace.Count, context.Simulator.Settings.Count);
        Assert.Equal([ours], SetupTestContext.ChannelIdsOf(workspace.Single(s => s["eventType"]!.GetValue<string>() == DataChange)));
        Assert.Equal([webhook, ours], SetupTestContext.ChannelIdsOf(workspace.Single(s => s["eventType"]!.GetValue<string>() == "workflow_failed")));
        Assert.Equal([(null, DataChange)], answer.Items("created"));
        Assert.Equal([(null, "workflow_failed")], answer.Items("updated"));
        Assert.All(await context.RecordedLinksAsync(), l => Assert.Null(l.WorkflowId));

        var again = (await context.PostSetupAsync(new JsonObject { ["workspaceLevel"] = true, ["eventTypes"] = new JsonArray("workflow_data_change", "workflow_failed") })).AssertOk();
        Assert.Equal(2, again.Items("unchanged").Count);
        Assert.Equal(2, context.Simulator.Settings.Count);
    }

    [Fact]
    public async Task Setup_AllEventTypes_CreatesOneSettingPerDocumentedType()
    {
        await using var context = await SetupTestContext.StartAsync(azurite);

        var answer = (await context.PostSetupAsync("""{"workflowIds":["wf-a"],"eventTypes":"all"}""")).AssertOk();

        var settings = context.SettingsOf("wf-a");
        Assert.Equal(ProvisioningEventTypes.All, settings.Select(s => s["eventType"]!.GetValue<string>()));
        Assert.All(settings, s => Assert.Equal([context.WebSocketChannelId()], SetupTestContext.ChannelIdsOf(s)));
        Assert.Equal(9, answer.Items("created").Count);
        Assert.Equal(9, (await context.RecordedLinksAsync()).Count);
    }

    [Fact]
    public async Task Setup_ConcurrentCalls_EndWithOneChannelAndNoDuplicateSettings()
    {
        await using var context = await SetupTestContext.StartAsync(azurite);
        const string body = """{"workflowIds":["wf-a","wf-b","wf-c"],"eventTypes":["workflow_data_change","workflow_failed"]}""";

        // Kadoa refuses the second WebSocket channel and a second setting per (workflow, event type): whichever call
        // loses a race reads again and merges or leaves alone instead of failing.
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => context.PostSetupAsync(body)));

        Assert.All(answers, a => a.AssertOk());
        var ours = context.WebSocketChannelId();
        Assert.Equal(6, context.Simulator.Settings.Count);
        Assert.All(context.Simulator.Settings, s => Assert.Equal([ours], SetupTestContext.ChannelIdsOf(s)));
        Assert.Equal(6, answers.Sum(a => a.Items("created").Count));
        Assert.Equal(6, (await context.RecordedLinksAsync()).Count);
    }
}
