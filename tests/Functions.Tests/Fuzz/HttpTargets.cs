using System.Text.Json.Nodes;
using KadoaBridge.Functions.Http;
using KadoaBridge.Fuzzing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Primitives;

namespace KadoaBridge.Functions.Tests.Fuzz;

/// <summary>
/// The HTTP functions that read a body or a query, driven through their classes (as the worker calls them, 500
/// handling included) against <see cref="HttpFuzzHost"/>'s Azurite: the inputs of <see cref="ReaderTargets"/>, the
/// properties of <see cref="FuzzTarget{T}"/>, and a 500 counts as a failure.
/// </summary>
internal static class HttpTargets
{
    public static IReadOnlyList<IFuzzTarget> All(HttpFuzzHost host) =>
    [
        Body(host, "http-setup", ReaderTargets.SetupExamples, "SetupApply", "/api/setup", (SetupFunctions f, HttpRequest r) => f.ApplyAsync(r, default),
            (body, field) => ReaderTargets.NamesJsonField(body, field, ["body", "workflowIds", "workspaceLevel", "eventTypes"])),
        Body(host, "http-setup-test", ReaderTargets.SetupTestExamples, "SetupTest", "/api/setup/test", (SetupFunctions f, HttpRequest r) => f.TestAsync(r, default),
            (body, field) => ReaderTargets.NamesJsonField(body, field, ["body", "eventType", "workflowId"])),
        Body(host, "http-routes", ReaderTargets.RuleExamples, "PutRoute", "/api/routes/fuzz-rule", (RoutesFunctions f, HttpRequest r) => f.PutAsync(r, "fuzz-rule", default),
            (_, field) => field == "body" || ReaderTargets.IsJsonPath(field), method: "PUT"),
        Body(host, "http-dry-run", ReaderTargets.DryRunExamples, "TestRoutes", "/api/routes/test", (RoutesFunctions f, HttpRequest r) => f.TestAsync(r, default),
            (_, field) => field == "body" || ReaderTargets.IsJsonPath(field)),
        Body(host, "http-replay", ReaderTargets.ReplayExamples, "StartReplay", "/api/replay", (ReplayFunctions f, HttpRequest r) => f.StartAsync(r, default),
            (body, field) => ReaderTargets.NamesJsonField(body, field, ["body", "workflowId", "from", "to", "destinations"])),
        Query(host, "http-changes", ReaderTargets.ChangesQueries, "ListChanges", "/api/changes", (ChangesFunctions f, HttpRequest r) => f.ListAsync(r, default),
            (query, field) => ReaderTargets.NamesQueryField(query, field, ["workflowId", "from", "to", "type", "pageSize", "continuationToken", "code"])),
        Query(host, "http-recovery-list", ReaderTargets.RecoveryPageQueries, "ListPoison", "/api/recovery/poison", (RecoveryFunctions f, HttpRequest r) => f.ListPoisonAsync(r, default),
            (query, field) => ReaderTargets.NamesQueryField(query, field, ["pageSize", "continuationToken", "code"])),
        new FuzzTarget<(KeyValuePair<string, StringValues>[] Query, byte[] Body)>(
            "http-recovery-requeue",
            ReaderTargets.RecoveryMax.Input,
            input => CallAsync(host, "RequeuePoison", Request("POST", "/api/recovery/poison", input.Item2, input.Item1), (RecoveryFunctions f, HttpRequest r) => f.RequeuePoisonAsync(r, default)),
            input => FuzzInputs.Show(input.Item1) + " body " + FuzzInputs.Show(input.Item2),
            (input, field) => ReaderTargets.NamesQueryField(input.Item1, field, ["max", "code"]) || ReaderTargets.NamesJsonField(input.Item2, field, ["body", "max"])),
    ];

    private static FuzzTarget<byte[]> Body<TFunction>(
        HttpFuzzHost host, string name, string[] examples, string function, string path, Func<TFunction, HttpRequest, Task<IActionResult>> call,
        Func<byte[], string, bool> namesField, string method = "POST") =>
        new(name, FuzzInputs.Json(examples), body => CallAsync(host, function, Request(method, path, body, []), call), FuzzInputs.Show, namesField);

    private static FuzzTarget<KeyValuePair<string, StringValues>[]> Query<TFunction>(
        HttpFuzzHost host, string name, IReadOnlyDictionary<string, string>[] examples, string function, string path, Func<TFunction, HttpRequest, Task<IActionResult>> call,
        Func<KeyValuePair<string, StringValues>[], string, bool> namesField) =>
        new(name, FuzzInputs.Query(examples), query => CallAsync(host, function, Request("GET", path, null, query), call), FuzzInputs.Show, namesField);

    private static HttpRequest Request(string method, string path, byte[]? body, KeyValuePair<string, StringValues>[] query)
    {
        var request = HttpFuzzHost.Request(method, path, body);
        request.Query = new QueryCollection(query.GroupBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => new StringValues([.. g.SelectMany(p => p.Value.ToArray())]), StringComparer.OrdinalIgnoreCase));
        return request;
    }

    private static async ValueTask<FuzzOutcome> CallAsync<TFunction>(HttpFuzzHost host, string function, HttpRequest request, Func<TFunction, HttpRequest, Task<IActionResult>> call)
    {
        var answer = await host.CallAsync(function, request, call);
        if (answer.Status is 400 or 413 or 415)
        {
            return FuzzOutcome.Reject(answer.Json["field"]?.GetValue<string>(), answer.Json["detail"]?.GetValue<string>(), answer.Status);
        }

        var detail = answer.Status >= 400 ? (JsonNode.Parse(answer.Body)?["detail"]?.GetValue<string>() ?? answer.Body) : null;
        return new FuzzOutcome(true, null, detail, answer.Status);
    }
}
