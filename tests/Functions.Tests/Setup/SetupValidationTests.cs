namespace KadoaBridge.Functions.Tests.Setup;

/// <summary>Bad input is refused with problem+json naming the field, before anything reaches Kadoa.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SetupValidationTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("""{"workflowIds": ["wf-a"]""", "body")]
    [InlineData("""["wf-a"]""", "body")]
    [InlineData("", "body")]
    [InlineData("""{}""", "workflowIds")]
    [InlineData("""{"workflowIds": []}""", "workflowIds")]
    [InlineData("""{"workflowIds": "wf-a"}""", "workflowIds")]
    [InlineData("""{"workflowIds": ["wf-a", ""]}""", "workflowIds[1]")]
    [InlineData("""{"workflowIds": ["wf-a", "wf-b", "not/an id"]}""", "workflowIds[2]")]
    [InlineData("""{"workflowIds": ["wf-a", 42]}""", "workflowIds[1]")]
    [InlineData("""{"workflowIds": ["wf-a", "x0123456789012345678901234567890123456789012345678901234567890123"]}""", "workflowIds[1]")]
    [InlineData("""{"workflowIds": ["wf-a"], "eventTypes": ["workflow_data_change", "workflow_exploded"]}""", "eventTypes[1]")]
    [InlineData("""{"workflowIds": ["wf-a"], "eventTypes": "everything"}""", "eventTypes")]
    [InlineData("""{"workflowIds": ["wf-a"], "eventTypes": []}""", "eventTypes")]
    [InlineData("""{"workflowIds": ["wf-a"], "eventTypes": 3}""", "eventTypes")]
    [InlineData("""{"workspaceLevel": "yes"}""", "workspaceLevel")]
    [InlineData("""{"workspaceLevel": true, "workflowIds": ["wf-a"]}""", "workspaceLevel")]
    [InlineData("""{"workflowId": ["wf-a"]}""", "workflowId")]
    public async Task Setup_BadBody_Returns400NamingTheField(string body, string field)
    {
        await using var context = await SetupTestContext.StartAsync(azurite);

        (await context.PostSetupAsync(body)).AssertProblem(400, field);

        Assert.Empty(context.Simulator.RequestLog);
    }

    [Fact]
    public async Task Setup_SeveralBadFields_ErrorsNameEveryOne()
    {
        await using var context = await SetupTestContext.StartAsync(azurite);

        var answer = await context.PostSetupAsync("""{"workflowIds": ["wf-a", "", "not/an id"], "eventTypes": ["workflow_data_change", "workflow_exploded"], "extra": 1}""");

        answer.AssertProblem(400, "workflowIds[1]");
        Assert.Equal(["workflowIds[1]", "workflowIds[2]", "eventTypes[1]", "extra"], answer.ErrorFields);
        Assert.Empty(context.Simulator.RequestLog);
    }

    [Fact]
    public async Task Test_SeveralBadFields_ErrorsNameEveryOne()
    {
        await using var context = await SetupTestContext.StartAsync(azurite);

        var answer = await context.PostTestAsync("""{"eventType": "workflow_exploded", "workflowId": "a/b"}""");

        answer.AssertProblem(400, "eventType");
        Assert.Equal(["eventType", "workflowId"], answer.ErrorFields);
    }

    [Fact]
    public async Task Setup_TooManyWorkflowIds_Returns400NamingWorkflowIds()
    {
        await using var context = await SetupTestContext.StartAsync(azurite);
        var ids = string.Join(",", Enumerable.Range(0, 101).Select(i => $"\"wf-{i}\""));

        var answer = (await context.PostSetupAsync($$"""{"workflowIds":[{{ids}}]}""")).AssertProblem(400, "workflowIds");

        Assert.Contains("101", answer.Detail, StringComparison.Ordinal);
        Assert.Empty(context.Simulator.RequestLog);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task Setup_WrongContentType_Returns415NamingContentType(string? contentType)
    {
        await using var context = await SetupTestContext.StartAsync(azurite);

        (await context.PostSetupAsync("""{"workflowIds":["wf-a"]}""", contentType)).AssertProblem(415, "Content-Type");

        Assert.Empty(context.Simulator.RequestLog);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/merge-patch+json")]
    public async Task Setup_JsonContentTypeVariants_AreAccepted(string contentType)
    {
        await using var context = await SetupTestContext.StartAsync(azurite);

        (await context.PostSetupAsync("""{"workflowIds":["wf-a"]}""", contentType)).AssertOk();
    }

    [Theory]
    [InlineData("""{"eventType": "all"}""", "eventType")]
    [InlineData("""{"eventType": "workflow_exploded"}""", "eventType")]
    [InlineData("""{"workflowId": "has space"}""", "workflowId")]
    [InlineData("""{"workflow": "wf-a"}""", "workflow")]
    [InlineData("""not json""", "body")]
    public async Task Test_BadBody_Returns400NamingTheField(string body, string field)
    {
        await using var context = await SetupTestContext.StartAsync(azurite);

        (await context.PostTestAsync(body)).AssertProblem(400, field);

        Assert.Empty(context.Simulator.RequestLog);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("x0123456789012345678901234567890123456789012345678901234567890123")]
    [InlineData("a%2Fb")]
    public async Task Unlink_MalformedWorkflowId_Returns400NamingWorkflowId(string workflowId)
    {
        await using var context = await SetupTestContext.StartAsync(azurite);

        (await context.UnlinkAsync(workflowId)).AssertProblem(400, "workflowId");

        Assert.Empty(context.Simulator.RequestLog);
    }
}
