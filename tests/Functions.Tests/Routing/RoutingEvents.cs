namespace KadoaBridge.Functions.Tests.Routing;

/// <summary>CloudEvents in the bridge's contract (as the listener publishes them), each with a fresh id.</summary>
internal static class RoutingEvents
{
    public static string NewId() => "chg-rt-" + Guid.NewGuid().ToString("N")[..16];

    public static string NewWorkflow() => "wf-rt-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A data change of <paramref name="workflowId"/>: a changed price and an added title, with an inline snapshot.</summary>
    public static string DataChange(string id, string workflowId, string changedKey = "price") => $$$$"""
        {"specversion":"1.0","id":"{{{{id}}}}","source":"https://www.kadoa.com/workflow/{{{{workflowId}}}}","type":"Kadoa.Workflow.DataChanged",
         "subject":"workflows/{{{{workflowId}}}}/changes/{{{{id}}}}","time":"2025-01-08T20:20:04.663Z","datacontenttype":"application/json",
         "kadoateamid":"team-1","kadoaworkflowid":"{{{{workflowId}}}}","kadoadeliveryid":"dlv-{{{{id}}}}",
         "data":{"changeId":"{{{{id}}}}","workflowId":"{{{{workflowId}}}}","url":"https://shop.example/p/1","createdAt":"2025-01-08T20:20:04.663Z",
          "summary":"Price dropped",
          "differences":[{"type":"changed","fields":[{"key":"{{{{changedKey}}}}","value":19.99,"previousValue":24.99}]},
                         {"type":"added","fields":[{"key":"title","value":"New"}]}],
          "diffTypes":["changed","added"],"changedKeys":["{{{{changedKey}}}}","title"],"snapshot":[{"title":"A","price":19.99}],
          "links":{"dashboard":"https://www.kadoa.com/data-diff/{{{{id}}}}"}}}
        """;
}
