using System.Text.Json;

namespace EventPatterns.Tests;

/// <summary>
/// A real event to match, the bridge's CloudEvent contract sample (nested objects, arrays of objects, numbers), and the
/// helpers of the pattern tests. Core.Tests links this file to route the same event through its route table.
/// </summary>
internal static class KadoaSample
{
    public const string Event = """
        {"specversion":"1.0","id":"chg-123","source":"https://www.kadoa.com/workflow/wf-1","type":"Kadoa.Workflow.DataChanged",
         "subject":"workflows/wf-1/changes/chg-123","time":"2025-01-08T20:20:04.663Z","datacontenttype":"application/json",
         "kadoateamid":"team-1","kadoaworkflowid":"wf-1","kadoadeliveryid":"dlv-9",
         "data":{"changeId":"chg-123","workflowId":"wf-1","url":"https://shop.example/p/1","createdAt":"2025-01-08T20:20:04.663Z",
          "summary":"Price dropped",
          "differences":[{"type":"changed","fields":[{"key":"price","value":19.99,"previousValue":24.99}]},
                         {"type":"added","fields":[{"key":"title","value":"New"}]}],
          "diffTypes":["changed","added"],"changedKeys":["price","title"],"snapshot":[{"title":"A","price":19.99}],
          "links":{"dashboard":"https://www.kadoa.com/data-diff/chg-123","workflow":"https://www.kadoa.com/workflow/wf-1",
                   "api":"https://api.kadoa.com/v5/changes/chg-123"}}}
        """;

    /// <summary>The brief's element-consistency event: a changed title and an added price.</summary>
    public const string ChangedTitleAddedPrice = """
        {"type":"Kadoa.Workflow.DataChanged","data":{"changeId":"chg-9","workflowId":"wf-1",
         "differences":[{"type":"changed","fields":[{"key":"title","value":"B","previousValue":"A"}]},
                        {"type":"added","fields":[{"key":"price","value":5}]}]}}
        """;

    public static bool Matches(string pattern, string eventJson)
    {
        using JsonDocument document = JsonDocument.Parse(eventJson);
        return EventPattern.Parse(pattern).Matches(document.RootElement);
    }

    public static PatternValidationException Invalid(string pattern) =>
        Assert.Throws<PatternValidationException>(() => EventPattern.Parse(pattern));
}
