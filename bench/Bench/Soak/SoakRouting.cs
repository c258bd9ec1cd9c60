using System.Text.Json.Nodes;

namespace KadoaBridge.Bench.Soak;

/// <summary>
/// The soak's routing: nine workflows in three groups. <c>wf-0..2</c> match rule <c>soak-both</c> (→ <c>changes</c> and
/// <c>audit</c>), <c>wf-3..5</c> match <c>soak-audit-only</c> (→ <c>audit</c>), <c>wf-6..8</c> match nothing and go to the
/// default destination <c>changes</c>. So some changes reach both topics and some one, by a rule or by default.
/// </summary>
public static class SoakRouting
{
    public const string Changes = "changes";

    /// <summary>The destination the soak also injects faults into.</summary>
    public const string Audit = "audit";

    public const int Workflows = 9;

    public static IReadOnlyList<string> Destinations { get; } = [Changes, Audit];

    public static string Workflow(int index) => "wf-" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Where the rules send a change of <paramref name="workflowIndex"/> (0..8).</summary>
    public static IReadOnlyList<string> DestinationsOf(int workflowIndex) => workflowIndex switch
    {
        < 3 => [Changes, Audit],
        < 6 => [Audit],
        _ => [Changes],
    };

    /// <summary>The rules PUT to <c>/api/routes/{name}</c>.</summary>
    public static IEnumerable<(string Name, JsonObject Rule)> Rules()
    {
        yield return ("soak-both", new JsonObject
        {
            ["order"] = 10,
            ["filter"] = new JsonObject { ["kadoaworkflowid"] = new JsonArray(Workflow(0), Workflow(1), Workflow(2)) },
            ["destinations"] = new JsonArray(Changes, Audit),
        });
        yield return ("soak-audit-only", new JsonObject
        {
            ["order"] = 20,
            ["filter"] = new JsonObject { ["kadoaworkflowid"] = new JsonArray(Workflow(3), Workflow(4), Workflow(5)) },
            ["destinations"] = new JsonArray(Audit),
            ["transform"] = new JsonObject { ["omitSnapshot"] = true },
        });
    }
}
