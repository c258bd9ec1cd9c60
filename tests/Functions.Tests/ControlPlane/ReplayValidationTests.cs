namespace KadoaBridge.Functions.Tests.ControlPlane;

/// <summary>Bad replay requests: 400 problem+json naming the field (415 for a body that is not JSON by type); nothing republished.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class ReplayValidationTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("", "body")]
    [InlineData("not json", "body")]
    [InlineData("""["wf-1"]""", "body")]
    [InlineData("{}", "workflowId")]
    [InlineData("""{"to":"2024-05-01"}""", "workflowId")]
    [InlineData("""{"workflowId":"a/b"}""", "workflowId")]
    [InlineData("""{"workflowId":42}""", "workflowId")]
    [InlineData("""{"from":"last week"}""", "from")]
    [InlineData("""{"from":"2024-05-01","to":"soon"}""", "to")]
    [InlineData("""{"from":"2024-05-02","to":"2024-05-01"}""", "from")]
    [InlineData("""{"from":"2024-01-01","to":"2024-06-01"}""", "from")]
    [InlineData("""{"workflowId":"wf-1","destinations":[]}""", "destinations")]
    [InlineData("""{"workflowId":"wf-1","destinations":"changes"}""", "destinations")]
    [InlineData("""{"workflowId":"wf-1","destinations":["changes",7]}""", "destinations[1]")]
    [InlineData("""{"workflowId":"wf-1","destinations":["changes","changes"]}""", "destinations[1]")]
    [InlineData("""{"workflowId":"wf-1","destinations":["changes","nowhere"]}""", "destinations[1]")]
    [InlineData("""{"workflowId":"wf-1","workflow":"wf-2"}""", "workflow")]
    public async Task StartReplay_BadBody_400NamingTheField(string body, string field)
    {
        await using var harness = await ControlPlaneHarness.StartAsync(azurite);

        (await harness.ReplayAsync(body)).AssertProblem(400, field);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData(null)]
    public async Task StartReplay_NotJsonContentType_415(string? contentType)
    {
        await using var harness = await ControlPlaneHarness.StartAsync(azurite);

        (await harness.ReplayAsync("""{"workflowId":"wf-1"}""", contentType)).AssertProblem(415, "Content-Type");
    }

    [Fact]
    public async Task StartReplay_JsonWithCharset_Accepted()
    {
        await using var harness = await ControlPlaneHarness.StartAsync(azurite);

        (await harness.ReplayAsync($$"""{"workflowId":"{{ChangeEvents.NewWorkflow("wf-charset")}}"}""", "application/json; charset=utf-8")).AssertStatus(200);
    }

    [Fact]
    public async Task GetReplay_BadOrUnknownId_400Or404()
    {
        await using var harness = await ControlPlaneHarness.StartAsync(azurite);

        (await harness.GetReplayAsync("not-an-id")).AssertProblem(400, "id");
        (await harness.GetReplayAsync(Guid.NewGuid().ToString("N"))).AssertStatus(404);
    }
}
