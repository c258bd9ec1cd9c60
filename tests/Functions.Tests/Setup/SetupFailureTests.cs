using System.Net;
using System.Net.Sockets;

namespace KadoaBridge.Functions.Tests.Setup;

/// <summary>How <c>POST /api/setup</c> behaves when Kadoa refuses the key, fails, or fails half-way.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SetupFailureTests(AzuriteFixture azurite)
{
    private const string DataChange = "workflow_data_change";
    private const string ListChannels = "GET /v5/notifications/channels";

    [Fact]
    public async Task Setup_KadoaRefusesKey_Returns502SayingSoWithoutRetrying()
    {
        await using var context = await SetupTestContext.StartAsync(azurite);
        context.Simulator.ApiKeyAccepted = "another-key";

        var answer = (await context.PostSetupAsync("""{"workflowIds":["wf-a"]}""")).AssertProblem(502);

        Assert.Contains("refused the API key", answer.Detail, StringComparison.Ordinal);
        Assert.True(answer.Body["failure"]!["keyRejected"]!.GetValue<bool>());
        Assert.Equal(401, answer.Body["failure"]!["kadoaStatus"]!.GetValue<int>());
        Assert.Equal(1, context.Count(ListChannels));
        Assert.Empty(context.Simulator.Channels);
        Assert.False((await context.RecordRowAsync("setup", "last"))!.GetBoolean("Complete"));

        // Each attempt is logged (method, path, status), never its headers.
        Assert.Contains(context.LogLines, line => line.Contains("Kadoa answered GET /v5/notifications/channels with 401", StringComparison.Ordinal));
        Assert.DoesNotContain(context.LogLines, line => line.Contains("x-api-key", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Setup_Kadoa5xxThenSuccess_RetriesAndCompletes()
    {
        await using var context = await SetupTestContext.StartAsync(azurite);
        context.Simulator.FailNextRequests("/v5/notifications/channels", 500, 2);
        context.Simulator.FailNextRequests("/v5/notifications/settings", 503, 2);

        var answer = (await context.PostSetupAsync("""{"workflowIds":["wf-a"]}""")).AssertOk();

        Assert.Equal(3, context.Count(ListChannels));
        Assert.Equal([("wf-a", DataChange)], answer.Items("created"));
        Assert.Single(context.SettingsOf("wf-a"));
        Assert.Contains(context.LogLines, line => line.Contains("OnRetry", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Setup_Kadoa5xxBeyondRetries_Returns502WithKadoasMessage()
    {
        await using var context = await SetupTestContext.StartAsync(azurite);
        context.Simulator.FailNextRequests("/v5/notifications/channels", 500, SetupTestContext.RetryAttempts + 1);

        var answer = (await context.PostSetupAsync("""{"workflowIds":["wf-a"]}""")).AssertProblem(502);

        Assert.Contains("Internal Server Error (simulated)", answer.Detail, StringComparison.Ordinal);
        Assert.Equal("channel", answer.Body["failure"]!["step"]!.GetValue<string>());
        Assert.Equal(500, answer.Body["failure"]!["kadoaStatus"]!.GetValue<int>());
        Assert.Null(answer.Body["progress"]!["channel"]);
        Assert.Equal(SetupTestContext.RetryAttempts + 1, context.Count(ListChannels));
        Assert.Empty(context.Simulator.Channels);
    }

    [Fact]
    public async Task Setup_KadoaEchoesTheKeyInItsError_RedactedInTheAnswerAndTheLoggedException()
    {
        await using var context = await SetupTestContext.StartAsync(azurite);
        context.Simulator.AnswerNextRequests("/v5/notifications/channels", 400, "application/json", $$"""{"message":"the key {{context.ApiKey}} may not list channels"}""", 1);

        // The answer and every log line are checked for the key as well (FunctionAnswer, and when the context ends).
        var answer = (await context.PostSetupAsync("""{"workflowIds":["wf-a"]}""")).AssertProblem(502);

        Assert.Contains("the key [redacted] may not list channels", answer.Detail, StringComparison.Ordinal);
        var stopped = Assert.Single(context.LogLines, line => line.Contains("[ProvisioningStopped]", StringComparison.Ordinal));
        Assert.Contains("KadoaBridge.Core.Kadoa.KadoaRequestException: Kadoa answered 400", stopped, StringComparison.Ordinal); // the exception itself
    }

    [Fact]
    public async Task Setup_KadoaUnreachable_Returns502AfterRetries()
    {
        // A port that was free a moment ago: nothing listens there, connections are refused.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        await using var context = await SetupTestContext.StartAsync(azurite, new Uri($"http://127.0.0.1:{port}"));

        var answer = (await context.PostSetupAsync("""{"workflowIds":["wf-a"]}""")).AssertProblem(502);

        Assert.Contains("could not be reached", answer.Detail, StringComparison.Ordinal);
        Assert.Null(answer.Body["failure"]!["kadoaStatus"]);
        Assert.Equal(SetupTestContext.RetryAttempts, context.LogLines.Count(line => line.Contains("OnRetry", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Setup_FailureMidway_ReportsProgressAndRetryCompletesWithoutDuplicates()
    {
        await using var context = await SetupTestContext.StartAsync(azurite);
        var webhook = context.Simulator.SeedChannel("ops-hook", "WEBHOOK");
        var existing = context.Simulator.SeedSetting(DataChange, [webhook], "wf-b");
        context.Simulator.FailNextRequests("/v5/notifications/settings/" + existing, 500, SetupTestContext.RetryAttempts + 1);
        const string body = """{"workflowIds":["wf-a","wf-b","wf-c"]}""";

        var failed = (await context.PostSetupAsync(body)).AssertProblem(502);

        var progress = failed.Body["progress"]!;
        Assert.False(progress["complete"]!.GetValue<bool>());
        Assert.Equal([("wf-a", DataChange)], FunctionAnswer.ItemsOf(progress["created"]!));
        Assert.Empty(progress["updated"]!.AsArray());
        var failure = failed.Body["failure"]!;
        Assert.Equal(("setting", "wf-b", DataChange), (failure["step"]!.GetValue<string>(), failure["workflowId"]!.GetValue<string>(), failure["eventType"]!.GetValue<string>()));
        var ours = context.WebSocketChannelId();
        Assert.Equal([ours], SetupTestContext.ChannelIdsOf(Assert.Single(context.SettingsOf("wf-a"))));
        Assert.Equal([webhook], SetupTestContext.ChannelIdsOf(Assert.Single(context.SettingsOf("wf-b"))));
        Assert.Empty(context.SettingsOf("wf-c"));
        Assert.Equal(["wf-a"], (await context.RecordedLinksAsync()).Select(l => l.WorkflowId));
        Assert.False((await context.RecordRowAsync("setup", "last"))!.GetBoolean("Complete"));

        var retried = (await context.PostSetupAsync(body)).AssertOk();

        Assert.Equal([("wf-a", DataChange)], retried.Items("unchanged"));
        Assert.Equal([("wf-b", DataChange)], retried.Items("updated"));
        Assert.Equal([("wf-c", DataChange)], retried.Items("created"));
        Assert.Single(context.Simulator.Channels, c => c["channelType"]!.GetValue<string>() == "WEBSOCKET");
        Assert.Equal(3, context.Simulator.Settings.Count);
        Assert.Equal([webhook, ours], SetupTestContext.ChannelIdsOf(Assert.Single(context.SettingsOf("wf-b"))));
        Assert.Equal([ours], SetupTestContext.ChannelIdsOf(Assert.Single(context.SettingsOf("wf-c"))));
        Assert.Equal(["wf-a", "wf-b", "wf-c"], (await context.RecordedLinksAsync()).Select(l => l.WorkflowId).Order());
        Assert.True((await context.RecordRowAsync("setup", "last"))!.GetBoolean("Complete"));
    }
}
