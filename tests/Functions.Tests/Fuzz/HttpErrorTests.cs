using Azure.Data.Tables;
using KadoaBridge.Core.Storage;
using KadoaBridge.Functions.Http;
using KadoaBridge.Functions.Tests.ControlPlane;
using Microsoft.Extensions.Logging;

namespace KadoaBridge.Functions.Tests.Fuzz;

/// <summary>
/// Issue #11 item 13: an HTTP error is never an empty answer. An unexpected exception is a problem+json 500 with a
/// correlation id that the log record of the exception also carries; an over-long id is a 400 naming it; an oversized
/// body is a 413 stating the limit.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class HttpErrorTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData(2_000, 'a')]
    [InlineData(400, '#')] // 400 characters, 1,200 once escaped for a table key
    [InlineData(257, 'a')]
    public async Task TestRoutes_OverlongChangeId_400NamingChangeId(int length, char c)
    {
        await using var host = await HttpFuzzHost.StartAsync(azurite.ConnectionString);
        var body = HttpFuzzHost.Utf8($$"""{"changeId":"{{new string(c, length)}}"}""");

        var answer = await host.CallAsync<RoutesFunctions>("TestRoutes", HttpFuzzHost.Request("POST", "/api/routes/test", body), (f, r) => f.TestAsync(r, CancellationToken.None));

        answer.AssertProblem(400, "$.changeId");
    }

    [Fact]
    public async Task TestRoutes_ChangeIdWithControlCharacter_400NamingChangeId()
    {
        await using var host = await HttpFuzzHost.StartAsync(azurite.ConnectionString);
        var body = HttpFuzzHost.Utf8("""{"changeId":"chg-\u0001"}""");

        var answer = await host.CallAsync<RoutesFunctions>("TestRoutes", HttpFuzzHost.Request("POST", "/api/routes/test", body), (f, r) => f.TestAsync(r, CancellationToken.None));

        answer.AssertProblem(400, "$.changeId");
    }

    public static TheoryData<string> OversizedBodies => ["PutRoute", "TestRoutes", "StartReplay", "SetupApply", "SetupTest", "RequeuePoison"];

    [Theory]
    [MemberData(nameof(OversizedBodies))]
    public async Task Post_OversizedBody_413StatingTheLimit(string function)
    {
        await using var host = await HttpFuzzHost.StartAsync(azurite.ConnectionString);
        var body = HttpFuzzHost.Utf8("{\"x\":\"" + new string('a', 1_100_000) + "\"}");

        var answer = await CallAsync(host, function, HttpFuzzHost.Request("POST", "/api/" + function, body));

        answer.AssertProblem(413, "body");
        Assert.Matches("[0-9]+ (bytes|KiB)", answer.Json["detail"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(OversizedBodies))]
    public async Task Post_OversizedContentLengthWithoutBody_413WithoutReading(string function)
    {
        await using var host = await HttpFuzzHost.StartAsync(azurite.ConnectionString);
        var request = HttpFuzzHost.Request("POST", "/api/" + function, []);
        request.ContentLength = 10L * 1024 * 1024 * 1024;

        (await CallAsync(host, function, request)).AssertProblem(413, "body");
    }

    [Fact]
    public async Task ListRoutes_StorageFails_500ProblemWithCorrelationIdLoggedWithTheException()
    {
        await using var host = await HttpFuzzHost.StartAsync(azurite.ConnectionString);
        var routes = new TableServiceClient(azurite.ConnectionString).GetTableClient(TableNames.Routes);
        await routes.DeleteAsync();
        try
        {
            var answer = await host.CallAsync<RoutesFunctions>("ListRoutes", FunctionsTestHost.Request("GET", "/api/routes"), (f, r) => f.ListAsync(r, CancellationToken.None));

            answer.AssertStatus(500);
            Assert.StartsWith(Problems.ContentType, answer.ContentType, StringComparison.Ordinal);
            var correlationId = answer.Json["correlationId"]!.GetValue<string>();
            Assert.Matches("^[0-9a-f]{32}$|^[0-9A-Za-z:_-]{8,}$", correlationId);
            Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.6.1", answer.Json["type"]!.GetValue<string>());
            Assert.Contains(correlationId, answer.Json["traceId"]!.GetValue<string>(), StringComparison.Ordinal);
            var record = Assert.Single(host.Logs.GetSnapshot(), r => r.Exception is not null && r.Level == LogLevel.Error);
            Assert.Contains(correlationId, record.Message, StringComparison.Ordinal);
            Assert.Contains("ListRoutes", record.Message, StringComparison.Ordinal);
            // What went wrong stays in the log: no exception text, type or stack in the answer.
            Assert.DoesNotContain(record.Exception!.Message.Split('\n')[0], answer.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", answer.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(" at ", answer.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("devstoreaccount1", answer.Body, StringComparison.Ordinal);
        }
        finally
        {
            await routes.CreateIfNotExistsAsync();
        }
    }

    private static Task<HttpAnswer> CallAsync(HttpFuzzHost host, string function, Microsoft.AspNetCore.Http.HttpRequest request) => function switch
    {
        "PutRoute" => host.CallAsync<RoutesFunctions>(function, request, (f, r) => f.PutAsync(r, "fuzz-rule", CancellationToken.None)),
        "TestRoutes" => host.CallAsync<RoutesFunctions>(function, request, (f, r) => f.TestAsync(r, CancellationToken.None)),
        "StartReplay" => host.CallAsync<ReplayFunctions>(function, request, (f, r) => f.StartAsync(r, CancellationToken.None)),
        "SetupApply" => host.CallAsync<SetupFunctions>(function, request, (f, r) => f.ApplyAsync(r, CancellationToken.None)),
        "SetupTest" => host.CallAsync<SetupFunctions>(function, request, (f, r) => f.TestAsync(r, CancellationToken.None)),
        "RequeuePoison" => host.CallAsync<RecoveryFunctions>(function, request, (f, r) => f.RequeuePoisonAsync(r, CancellationToken.None)),
        _ => throw new ArgumentOutOfRangeException(nameof(function)),
    };
}
