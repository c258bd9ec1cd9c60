using System.Diagnostics;
using KadoaBridge.Core.Requests;
using KadoaBridge.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace KadoaBridge.Functions.Tests.ControlPlane;

/// <summary>
/// Issue #15 item 6: every error answer is ASP.NET Core's problem details (AddProblemDetails): the RFC 9110 type link
/// and title of its status, <c>instance</c> (the path, never the query) and <c>traceId</c>; bad input is a validation
/// problem whose <c>errors</c> lists every field at fault, <c>field</c> naming the first.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class ProblemDetailsTests(AzuriteFixture azurite)
{
    public static TheoryData<string, int, string, string> Statuses => new()
    {
        { "Invalid", 400, "https://tools.ietf.org/html/rfc9110#section-15.5.1", "One or more validation errors occurred." },
        { "NotFound", 404, "https://tools.ietf.org/html/rfc9110#section-15.5.5", "Not Found" },
        { "Conflict", 409, "https://tools.ietf.org/html/rfc9110#section-15.5.10", "Conflict" },
        { "PreconditionFailed", 412, "https://tools.ietf.org/html/rfc9110#section-15.5.13", "Precondition Failed" },
        { "PayloadTooLarge", 413, "https://tools.ietf.org/html/rfc9110#section-15.5.14", "Content Too Large" },
        { "UnsupportedMediaType", 415, "https://tools.ietf.org/html/rfc9110#section-15.5.16", "Unsupported Media Type" },
        { "Unexpected", 500, "https://tools.ietf.org/html/rfc9110#section-15.6.1", "An error occurred while processing your request." },
        { "BadGateway", 502, "https://tools.ietf.org/html/rfc9110#section-15.6.3", "Bad Gateway" },
    };

    [Theory]
    [MemberData(nameof(Statuses))]
    public async Task Problems_EachStatus_Rfc9110TypeAndTitleOfAspNetCore(string kind, int status, string type, string title)
    {
        var request = FunctionsTestHost.Request("GET", "/api/anything");

        var answer = await HttpAnswer.ExecuteAsync(Create(kind), request);

        answer.AssertStatus(status);
        Assert.StartsWith(Problems.ContentType, answer.ContentType, StringComparison.Ordinal);
        Assert.Equal(type, answer.Json["type"]!.GetValue<string>());
        Assert.Equal(title, answer.Json["title"]!.GetValue<string>());
        Assert.Equal(status, answer.Json["status"]!.GetValue<int>());
        Assert.Equal("/api/anything", answer.Json["instance"]!.GetValue<string>());
        Assert.DoesNotContain("httpstatuses", answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Problem_InsideATrace_TraceIdIsTheActivityAndInstanceIsThePathWithoutTheQuery()
    {
        using var activity = new Activity("test").SetIdFormat(ActivityIdFormat.W3C).Start();
        var request = FunctionsTestHost.Request("GET", "/api/changes/wf-1/chg 1", query: new Dictionary<string, string> { ["code"] = "function-key-secret" });

        var answer = await HttpAnswer.ExecuteAsync(Problems.NotFound("Workflow 'wf-1' has no stored change 'chg 1'."), request);

        Assert.Equal(activity.Id, answer.Json["traceId"]!.GetValue<string>());
        Assert.Equal("/api/changes/wf-1/chg%201", answer.Json["instance"]!.GetValue<string>());
        Assert.DoesNotContain("function-key-secret", answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Problem_AcceptExcludesJson_StillProblemJson()
    {
        var request = FunctionsTestHost.Request("GET", "/api/anything");
        request.Headers.Accept = "text/html";

        var answer = await HttpAnswer.ExecuteAsync(Problems.Invalid("from", "Expected an ISO-8601 date."), request);

        answer.AssertStatus(400);
        Assert.StartsWith(Problems.ContentType, answer.ContentType, StringComparison.Ordinal);
        Assert.Equal("from", answer.Field);
        Assert.Equal(["from"], answer.ErrorFields);
    }

    [Fact]
    public async Task Invalid_OneFieldTwice_OneEntryWithBothMessages()
    {
        var request = FunctionsTestHost.Request("GET", "/api/anything");

        var answer = await HttpAnswer.ExecuteAsync(
            Problems.Invalid([new InputError("query", "Unknown parameter."), new InputError("pageSize", "Too big."), new InputError("query", "Unknown parameter.")]), request);

        var errors = answer.Errors;
        Assert.Equal(["query", "pageSize"], errors.Select(e => e.Key));
        Assert.Equal(2, errors[0].Value.Length);
        Assert.Equal("query: Unknown parameter.; pageSize: Too big.; query: Unknown parameter.", answer.Json["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task AddBridgeFunctions_RegistersTheProblemDetailsServiceWithTheInstance()
    {
        await using var host = new FunctionsTestHost(new Dictionary<string, string?>
        {
            ["Kadoa:ApiKey"] = "unused-in-problems",
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Routing:Destinations:changes:Endpoint"] = "http://127.0.0.1:9/api/events",
            ["Routing:Destinations:changes:Key"] = "changes-key",
        });
        var context = new DefaultHttpContext { RequestServices = host.Services };
        context.Request.Path = "/api/routes/r1";
        context.Response.Body = new MemoryStream();

        var problem = new ProblemDetails { Status = 404 };
        await host.Services.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });

        Assert.Equal("/api/routes/r1", problem.Instance);
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.5.5", problem.Type);
    }

    [Fact]
    public async Task ListChanges_SeveralBadParameters_ErrorsListEveryOneFieldTheFirst()
    {
        await using var harness = await ControlPlaneHarness.StartAsync(azurite);

        var answer = await harness.ListAsync(new Dictionary<string, string> { ["pageSize"] = "0", ["from"] = "yesterday", ["type"] = "" });

        answer.AssertProblem(400, "from");
        Assert.Equal(["from", "type", "pageSize"], answer.ErrorFields);
        Assert.Contains("pageSize: pageSize must be a whole number from 1 to 200", answer.Json["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetChange_BothRouteParametersBad_BothListed()
    {
        await using var harness = await ControlPlaneHarness.StartAsync(azurite);

        var answer = await harness.GetChangeAsync("a/b", new string('c', 257));

        answer.AssertProblem(400, "workflowId");
        Assert.Equal(["workflowId", "changeId"], answer.ErrorFields);
    }

    [Fact]
    public async Task StartReplay_SeveralBadFields_ErrorsListEveryOne()
    {
        await using var harness = await ControlPlaneHarness.StartAsync(azurite);

        var answer = await harness.ReplayAsync("""{"workflowId":"a/b","from":"last week","destinations":["changes",7,"changes"],"extra":1}""");

        answer.AssertProblem(400, "workflowId");
        Assert.Equal(["workflowId", "from", "destinations[1]", "destinations[2]", "extra"], answer.ErrorFields);
    }

    [Fact]
    public async Task StartReplay_RangeTooLongAndUnknownDestinations_EveryOneListed()
    {
        await using var harness = await ControlPlaneHarness.StartAsync(azurite);

        var answer = await harness.ReplayAsync("""{"from":"2024-01-01","to":"2024-06-01","destinations":["nowhere","changes","elsewhere"]}""");

        answer.AssertProblem(400, "from");
        Assert.Equal(["from", "destinations[0]", "destinations[2]"], answer.ErrorFields);
    }

    [Fact]
    public async Task StartBackfill_SeveralBadFields_ErrorsListEveryOneAndTheMissingFrom()
    {
        await using var harness = await ControlPlaneHarness.StartAsync(azurite);

        var answer = await harness.BackfillAsync("""{"workflowIds":["wf-1","a/b","wf-1"],"to":"soon"}""");

        answer.AssertProblem(400, "workflowIds[1]");
        Assert.Equal(["workflowIds[1]", "workflowIds[2]", "to", "from"], answer.ErrorFields);
    }

    private static ProblemResult Create(string kind) => kind switch
    {
        "Invalid" => Problems.Invalid("from", "Expected an ISO-8601 date."),
        "NotFound" => Problems.NotFound("No such thing."),
        "Conflict" => Problems.Conflict("It conflicts."),
        "PreconditionFailed" => Problems.PreconditionFailed("It changed."),
        "PayloadTooLarge" => Problems.PayloadTooLarge(1024),
        "UnsupportedMediaType" => Problems.UnsupportedMediaType("Send JSON."),
        "Unexpected" => Problems.Unexpected("0123456789abcdef0123456789abcdef"),
        "BadGateway" => Problems.BadGateway("Kadoa failed."),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
