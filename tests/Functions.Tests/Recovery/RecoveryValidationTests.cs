using KadoaBridge.Functions.Http;
using KadoaBridge.Functions.Tests.ControlPlane;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace KadoaBridge.Functions.Tests.Recovery;

/// <summary>Bad input to the recovery endpoints answers 400 problem+json naming the field (415 for a body that is not JSON), before storage is touched.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class RecoveryValidationTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("0")]
    [InlineData("2001")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("")]
    public async Task RequeuePoison_MaxOutOfRangeInTheQuery_400NamingMax(string max)
    {
        await using var host = Host();

        var answer = await CallAsync(host, "POST", "/api/recovery/poison", (f, r) => f.RequeuePoisonAsync(r, CancellationToken.None), query: new Dictionary<string, string> { ["max"] = max });

        answer.AssertProblem(400, "max");
        Assert.Contains("1 to 2000", answer.Json["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"max": 0}""", "max")]
    [InlineData("""{"max": "10"}""", "max")]
    [InlineData("""{"max": 10.5}""", "max")]
    [InlineData("""{"max": 1e3}""", "max")]
    [InlineData("""{"maximum": 10}""", "maximum")]
    [InlineData("""[10]""", "body")]
    [InlineData("""{"max": """, "body")]
    public async Task RequeueDeadLetters_InvalidBody_400NamingTheField(string body, string field)
    {
        await using var host = Host();

        var answer = await CallAsync(host, "POST", "/api/recovery/ingress-deadletters", (f, r) => f.RequeueDeadLettersAsync(r, CancellationToken.None), body);

        answer.AssertProblem(400, field);
    }

    [Fact]
    public async Task RequeuePoison_MaxInQueryAndBody_400NamingMax()
    {
        await using var host = Host();

        var answer = await CallAsync(
            host, "POST", "/api/recovery/poison", (f, r) => f.RequeuePoisonAsync(r, CancellationToken.None), """{"max": 5}""", new Dictionary<string, string> { ["max"] = "5" });

        answer.AssertProblem(400, "max");
    }

    [Fact]
    public async Task RequeuePoison_UnknownQueryParameter_400NamingIt()
    {
        await using var host = Host();

        var answer = await CallAsync(host, "POST", "/api/recovery/poison", (f, r) => f.RequeuePoisonAsync(r, CancellationToken.None), query: new Dictionary<string, string> { ["limit"] = "5" });

        answer.AssertProblem(400, "limit");
    }

    [Fact]
    public async Task RequeuePoison_BadQueryAndBody_ErrorsNameEveryOne()
    {
        await using var host = Host();

        var answer = await CallAsync(
            host, "POST", "/api/recovery/poison", (f, r) => f.RequeuePoisonAsync(r, CancellationToken.None), body: """{"maximum": 10, "max": 0}""",
            query: new Dictionary<string, string> { ["limit"] = "5" });

        answer.AssertProblem(400, "limit");
        Assert.Equal(["limit", "maximum", "max"], answer.ErrorFields);
    }

    [Fact]
    public async Task ListPoison_BothPagingParametersBad_BothNamed()
    {
        await using var host = Host();

        var answer = await CallAsync(
            host, "GET", "/api/recovery/poison", (f, r) => f.ListPoisonAsync(r, CancellationToken.None),
            query: new Dictionary<string, string> { ["pageSize"] = "51", ["continuationToken"] = new string('t', 5000) });

        answer.AssertProblem(400, "pageSize");
        Assert.Equal(["pageSize", "continuationToken"], answer.ErrorFields);
    }

    [Fact]
    public async Task RequeuePoison_BodyNotJson_415()
    {
        await using var host = Host();

        var answer = await CallAsync(host, "POST", "/api/recovery/poison", (f, r) => f.RequeuePoisonAsync(r, CancellationToken.None), "max=5", contentType: "application/x-www-form-urlencoded");

        answer.AssertProblem(415, "Content-Type");
    }

    [Theory]
    [InlineData("pageSize", "0")]
    [InlineData("pageSize", "51")]
    [InlineData("pageSize", "ten")]
    [InlineData("continuationToken", "")]
    public async Task ListPoison_InvalidPaging_400NamingTheParameter(string name, string value)
    {
        await using var host = Host();

        var answer = await CallAsync(host, "GET", "/api/recovery/poison", (f, r) => f.ListPoisonAsync(r, CancellationToken.None), query: new Dictionary<string, string> { [name] = value });

        answer.AssertProblem(400, name);
    }

    [Theory]
    [InlineData("has.dot")]
    [InlineData("has space")]
    [InlineData("x0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789")]
    public async Task DiscardPoison_InvalidId_400NamingMessageId(string id)
    {
        await using var host = Host();

        var answer = await CallAsync(host, "DELETE", "/api/recovery/poison/" + Uri.EscapeDataString(id), (f, r) => f.DiscardPoisonAsync(r, id, CancellationToken.None));

        answer.AssertProblem(400, "messageId");
    }

    private FunctionsTestHost Host() => new(new Dictionary<string, string?>
    {
        ["Kadoa:ApiKey"] = "unused-in-recovery",
        ["Storage:ConnectionString"] = azurite.ConnectionString,
        ["Routing:Destinations:changes:Endpoint"] = "http://127.0.0.1:9/topics/changes/api/events",
        ["Routing:Destinations:changes:Key"] = "changes-key",
    });

    private static async Task<HttpAnswer> CallAsync(
        FunctionsTestHost host,
        string method,
        string path,
        Func<RecoveryFunctions, HttpRequest, Task<IActionResult>> call,
        string? body = null,
        IDictionary<string, string>? query = null,
        string contentType = "application/json")
    {
        var request = FunctionsTestHost.Request(method, path, body, contentType, query);
        return await HttpAnswer.ExecuteAsync(await call(host.Create<RecoveryFunctions>(), request), request);
    }
}
