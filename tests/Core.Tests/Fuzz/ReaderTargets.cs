using System.Text.Json;
using System.Text.RegularExpressions;
using CsCheck;
using KadoaBridge.Core.ControlPlane;
using KadoaBridge.Core.Kadoa.Provisioning;
using KadoaBridge.Core.Kadoa.Realtime;
using KadoaBridge.Core.Routing;
using KadoaBridge.Core.Routing.Store;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace KadoaBridge.Fuzzing;

/// <summary>
/// The frame decoder and every control-plane body and query reader, called directly: the fast targets (no storage).
/// Each names its valid examples, the fields a rejection may name, and what an accepted input must satisfy.
/// </summary>
public static partial class ReaderTargets
{
    public static readonly DateTimeOffset Now = new(2024, 5, 10, 12, 0, 0, TimeSpan.Zero);

    public static readonly string[] FrameExamples =
    [
        """{"type":"workflow_data_change","id":"dlv-1","timestamp":1714560000000,"_cursor":"c-1","message":{"id":"chg-1","workflowId":"wf-1","differences":[{"type":"changed","fields":[{"key":"price","value":1}]}]}}""",
        """{"eventType":"heartbeat","timestamp":"2024-05-01T12:00:00Z","data":{"n":1}}""",
        """{"type":"control.draining","id":42,"timestamp":"1714560000000","data":null,"message":null}""",
    ];

    public static readonly string[] SetupExamples =
    [
        """{"workflowIds":["wf-1","wf_2"],"eventTypes":["workflow_data_change","workflow_failed"]}""",
        """{"workspaceLevel":true,"eventTypes":"all"}""",
        """{"workflowIds":["a"],"workspaceLevel":false,"eventTypes":null}""",
    ];

    public static readonly string[] SetupTestExamples = ["""{"eventType":"workflow_data_change","workflowId":"wf-1"}""", """{"workflowId":null}""", "{}"];

    public static readonly string[] ReplayExamples =
    [
        """{"workflowId":"wf-1","from":"2024-05-01","to":"2024-05-02T00:00:00Z","destinations":["changes"]}""",
        """{"from":"2024-05-01T12:00:00+02:00","to":null}""",
        """{"workflowId":"wf-2"}""",
    ];

    public static readonly string[] RuleExamples =
    [
        """{"name":"fuzz-rule","description":"d","enabled":true,"order":10,"filter":{"type":["Kadoa.Workflow.DataChanged"],"data":{"differences":{"type":["changed"],"fields":{"key":["price"]}}}},"destinations":["changes"],"transform":{"omitSnapshot":true,"type":"X.Y","keepDataFields":["url"]},"final":false}""",
        """{"filter":{"subject":[{"prefix":"workflows/wf-1/"}],"data":{"differences":{"fields":{"value":[{"numeric":[">",10,"<=",20]}]}}}},"destinations":["pricing","changes"]}""",
        """{"filter":{"$or":[{"kadoaworkflowid":[{"anything-but":["wf-2"]}]},{"data":{"snapshotRef":[{"exists":false}]}}],"source":[{"suffix":"/wf-1"},{"wildcard":"https://*/wf-?"}]},"destinations":["changes"],"transform":null}""",
        """{"filter":null,"destinations":["changes"],"transform":{"keepDataFields":null,"type":null},"order":-5}""",
    ];

    public static readonly string[] DryRunExamples =
    [
        """{"changeId":"chg-1"}""",
        """
        {"specversion":"1.0","id":"chg-2","source":"https://www.kadoa.com/workflow/wf-1","type":"Kadoa.Workflow.DataChanged",
         "subject":"workflows/wf-1/changes/chg-2","time":"2025-01-08T20:20:04.663Z","datacontenttype":"application/json",
         "kadoateamid":"team-1","kadoaworkflowid":"wf-1","kadoadeliveryid":"dlv-2",
         "data":{"changeId":"chg-2","workflowId":"wf-1","url":"https://shop.example/p/1","createdAt":"2025-01-08T20:20:04.663Z","summary":"Price dropped",
          "differences":[{"type":"changed","fields":[{"key":"price","value":19.99,"previousValue":24.99}]}],
          "diffTypes":["changed"],"changedKeys":["price"],"snapshot":[{"title":"A","price":19.99}],"links":{"dashboard":"https://www.kadoa.com/data-diff/chg-2"}}}
        """,
    ];

    public static readonly IReadOnlyDictionary<string, string>[] ChangesQueries =
    [
        new Dictionary<string, string> { ["workflowId"] = "wf-1", ["from"] = "2024-05-01", ["to"] = "2024-05-02", ["type"] = "Kadoa.Workflow.DataChanged", ["pageSize"] = "50" },
        new Dictionary<string, string> { ["pageSize"] = "5", ["continuationToken"] = "eyJ2IjoxfQ", ["code"] = "key" },
        new Dictionary<string, string>(),
    ];

    public static readonly IReadOnlyDictionary<string, string>[] RecoveryMaxQueries =
        [new Dictionary<string, string> { ["max"] = "100" }, new Dictionary<string, string> { ["code"] = "key" }, new Dictionary<string, string>()];

    public static readonly string[] RecoveryMaxBodies = ["""{"max":5}""", """{"max":null}""", "{}"];

    public static readonly IReadOnlyDictionary<string, string>[] RecoveryPageQueries =
        [new Dictionary<string, string> { ["pageSize"] = "20", ["continuationToken"] = "token" }, new Dictionary<string, string> { ["code"] = "key" }];

    private static readonly string[] ChangeFields = ["workflowId", "from", "to", "type", "pageSize", "continuationToken", "code"];

    private static readonly RouteRuleReader RuleReader = new(Options.Create(RoutingOptionsWith("changes", "pricing")));

    /// <summary>Every reader target, in the order the bench prints them.</summary>
    public static IReadOnlyList<IFuzzTarget> All => [Frame, Setup, SetupTest, Routes, DryRun, Replay, Changes, RecoveryMax, RecoveryPage];

    public static FuzzTarget<byte[]> Frame { get; } = new(
        "frame",
        FuzzInputs.Json(FrameExamples),
        body =>
        {
            var result = FrameDecoder.Decode(body, Now);
            using var frame = result.Frame;
            return ValueTask.FromResult(frame is not null ? FuzzOutcome.Accept() : FuzzOutcome.Reject(result.Error, result.Error));
        },
        FuzzInputs.Show,
        (_, reason) => reason.Length > 0,
        (body, outcome) =>
        {
            using var frame = FrameDecoder.Decode(body, Now).Frame!;
            return frame.Type.Length > 0 ? null : "accepted a frame without a type";
        });

    public static FuzzTarget<byte[]> Setup { get; } = new(
        "setup",
        FuzzInputs.Json(SetupExamples),
        body => ValueTask.FromResult(ProvisioningRequestReader.TryReadSetup(body, out _, out var errors) ? FuzzOutcome.Accept() : Rejected(errors, e => (e.Field, e.Detail))),
        FuzzInputs.Show,
        (body, field) => NamesJsonField(body, field, ["body", "workflowIds", "workspaceLevel", "eventTypes"]),
        (body, outcome) =>
        {
            ProvisioningRequestReader.TryReadSetup(body, out var request, out _);
            return request!.WorkflowIds.All(id => ProvisioningRequestReader.CheckWorkflowId(id, "id") is null) ? null : "accepted an invalid workflow id";
        });

    public static FuzzTarget<byte[]> SetupTest { get; } = new(
        "setup-test",
        FuzzInputs.Json(SetupTestExamples),
        body => ValueTask.FromResult(ProvisioningRequestReader.TryReadTest(body, out _, out var errors) ? FuzzOutcome.Accept() : Rejected(errors, e => (e.Field, e.Detail))),
        FuzzInputs.Show,
        (body, field) => NamesJsonField(body, field, ["body", "eventType", "workflowId"]));

    public static FuzzTarget<byte[]> Routes { get; } = new(
        "routes",
        FuzzInputs.Json(RuleExamples),
        body =>
        {
            var read = RuleReader.Read(body, "fuzz-rule");
            return ValueTask.FromResult(read.Rule is not null ? FuzzOutcome.Accept()
                : read.Errors.Count == 0 ? FuzzOutcome.Reject(null, "no rule and no error")
                : FuzzOutcome.Reject(read.Errors.All(e => IsJsonPath(e.Path)) ? read.Errors[0].Path : null, string.Join("; ", read.Errors)));
        },
        FuzzInputs.Show,
        (_, path) => IsJsonPath(path));

    public static FuzzTarget<byte[]> DryRun { get; } = new(
        "dry-run",
        FuzzInputs.Json(DryRunExamples),
        body => ValueTask.FromResult(RouteDryRunRequest.TryParse(body, out _, out var errors) ? FuzzOutcome.Accept() : Rejected(errors, e => (e.Path, e.Message))),
        FuzzInputs.Show,
        (_, path) => IsJsonPath(path),
        (body, outcome) =>
        {
            RouteDryRunRequest.TryParse(body, out var request, out _);
            return request!.ChangeId is { } id && (id.Length > RouteDryRunRequest.MaxChangeIdLength || id.Any(char.IsControl)) ? "accepted an over-long changeId" : null;
        });

    public static FuzzTarget<byte[]> Replay { get; } = new(
        "replay",
        FuzzInputs.Json(ReplayExamples),
        body => ValueTask.FromResult(ReplayRequestReader.TryRead(body, out _, out var errors) ? FuzzOutcome.Accept() : Rejected(errors, e => (e.Field, e.Detail))),
        FuzzInputs.Show,
        (body, field) => NamesJsonField(body, field, ["body", "workflowId", "from", "to", "destinations"]),
        (body, outcome) =>
        {
            ReplayRequestReader.TryRead(body, out var request, out _);
            return request!.WorkflowId is { Length: > ProvisioningRequestReader.MaxWorkflowIdLength } ? "accepted an over-long workflowId" : null;
        });

    public static FuzzTarget<KeyValuePair<string, StringValues>[]> Changes { get; } = new(
        "changes",
        FuzzInputs.Query(ChangesQueries),
        query => ValueTask.FromResult(ChangeQueryReader.TryRead(query, Now, out _, out var errors) ? FuzzOutcome.Accept() : Rejected(errors, e => (e.Field, e.Detail))),
        FuzzInputs.Show,
        (query, field) => NamesQueryField(query, field, ChangeFields),
        (query, outcome) =>
        {
            ChangeQueryReader.TryRead(query, Now, out var parsed, out _);
            return parsed!.ContinuationToken is { Length: > ChangeQueryReader.MaxContinuationTokenLength } ? "accepted an over-long continuationToken" : null;
        });

    public static FuzzTarget<(KeyValuePair<string, StringValues>[] Query, byte[] Body)> RecoveryMax { get; } = new(
        "recovery-max",
        Gen.Select(FuzzInputs.Query(RecoveryMaxQueries), FuzzInputs.Json(RecoveryMaxBodies)),
        input => ValueTask.FromResult(RecoveryRequestReader.TryReadMax(input.Item1, input.Item2, out _, out var errors)
            ? FuzzOutcome.Accept() : Rejected(errors, e => (e.Field, e.Detail))),
        input => FuzzInputs.Show(input.Item1) + " body " + FuzzInputs.Show(input.Item2),
        (input, field) => NamesQueryField(input.Item1, field, ["max", "code"]) || NamesJsonField(input.Item2, field, ["body", "max"]));

    public static FuzzTarget<KeyValuePair<string, StringValues>[]> RecoveryPage { get; } = new(
        "recovery-page",
        FuzzInputs.Query(RecoveryPageQueries),
        query => ValueTask.FromResult(RecoveryRequestReader.TryReadPage(query, out _, out _, out var errors) ? FuzzOutcome.Accept() : Rejected(errors, e => (e.Field, e.Detail))),
        FuzzInputs.Show,
        (query, field) => NamesQueryField(query, field, ["pageSize", "continuationToken", "code"]));

    /// <summary>A rejection naming the first field at fault, its detail listing them all; no error at all is a finding.</summary>
    private static FuzzOutcome Rejected<T>(IReadOnlyList<T> errors, Func<T, (string Field, string Detail)> show) =>
        errors.Count == 0
            ? FuzzOutcome.Reject(null, "rejected without an error")
            : FuzzOutcome.Reject(show(errors[0]).Field, string.Join("; ", errors.Select(e => $"{show(e).Field}: {show(e).Detail}")));

    public static RoutingOptions RoutingOptionsWith(params string[] aliases)
    {
        var options = new RoutingOptions();
        foreach (var alias in aliases)
        {
            options.Destinations[alias] = new DestinationOptions { Endpoint = new Uri($"http://127.0.0.1:9/{alias}"), Key = alias + "-key" };
        }

        return options;
    }

    /// <summary>A name an error may repeat: 1 to 64 characters, not blank, no control characters (any surrogate counts as a lone one here: the check need only be loose).</summary>
    public static bool Echoable(string name) =>
        name.Length is > 0 and <= 64 && !string.IsNullOrWhiteSpace(name) && !name.Any(c => char.IsControl(c) || char.IsSurrogate(c));

    /// <summary>A known field (or an element of one, <c>workflowIds[3]</c>), or a property the body really has (an unknown one, its name cut to 64).</summary>
    public static bool NamesJsonField(byte[] body, string field, IReadOnlyCollection<string> known) =>
        known.Contains(IndexSuffix().Replace(field, "")) ||
        RootProperties(body).Any(name => name == field || (field.Length == 64 && name.StartsWith(field, StringComparison.Ordinal)));

    /// <summary>A known parameter, or a parameter the query really has (<c>query</c> for one whose name cannot be repeated).</summary>
    public static bool NamesQueryField(KeyValuePair<string, StringValues>[] query, string field, IReadOnlyCollection<string> known) =>
        known.Contains(field, StringComparer.OrdinalIgnoreCase) || query.Any(p => string.Equals(p.Key, field, StringComparison.OrdinalIgnoreCase)) ||
        (field == "query" && query.Any(p => !Echoable(p.Key)));

    /// <summary>A JSON path as the routing readers write them: <c>$</c>, <c>$.filter.data</c>, <c>$.destinations[2]</c>, <c>$['odd name']</c>.</summary>
    public static bool IsJsonPath(string path) => path == "$" || path.StartsWith("$.", StringComparison.Ordinal) || path.StartsWith("$[", StringComparison.Ordinal);

    /// <summary>The property names of <paramref name="body"/>'s root object (none when it is not one).</summary>
    public static IReadOnlyList<string> RootProperties(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? [.. document.RootElement.EnumerateObject().Select(p => p.Name)] : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    [GeneratedRegex(@"(\[[0-9]+\])+$")]
    private static partial Regex IndexSuffix();
}
