using System.Globalization;
using KadoaBridge.Functions.Tests.Ingest;

namespace KadoaBridge.Functions.Tests.ControlPlane;

/// <summary>CloudEvents in the bridge's contract for history and replay tests, with chosen ids, workflows, types and times.</summary>
internal static class ChangeEvents
{
    public const string DataChanged = "Kadoa.Workflow.DataChanged";
    public const string Finished = "Kadoa.Workflow.Finished";

    /// <summary>A workflow id unique to one test (the shared Azurite keeps every test's history).</summary>
    public static string NewWorkflow(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..12];

    public static string DataChange(string id, string workflowId, DateTimeOffset time, string snapshotRows = """[{"title":"A","price":19.99}]""") =>
        SampleEvents.DataChange(id, workflowId, time, snapshotRows);

    /// <summary>A <c>workflow_finished</c> event (no snapshot).</summary>
    public static string WorkflowFinished(string id, string workflowId, DateTimeOffset time) => $$$"""
        {"specversion":"1.0","id":"{{{id}}}","source":"https://www.kadoa.com/workflow/{{{workflowId}}}","type":"{{{Finished}}}",
         "subject":"workflows/{{{workflowId}}}/events/workflow_finished","time":"{{{Format(time)}}}","datacontenttype":"application/json",
         "kadoateamid":"team-1","kadoaworkflowid":"{{{workflowId}}}","kadoaeventtype":"workflow_finished",
         "data":{"workflowId":"{{{workflowId}}}","status":"FINISHED"} }
        """;

    /// <summary>A data change whose whole <c>data</c> was claim-checked by the listener (<c>data.payloadRef</c>).</summary>
    public static string DataByReference(string id, string workflowId, DateTimeOffset time, Uri dataUrl, int size) => $$$"""
        {"specversion":"1.0","id":"{{{id}}}","source":"https://www.kadoa.com/workflow/{{{workflowId}}}","type":"{{{DataChanged}}}",
         "subject":"workflows/{{{workflowId}}}/changes/{{{id}}}","time":"{{{Format(time)}}}","datacontenttype":"application/json",
         "kadoateamid":"team-1","kadoaworkflowid":"{{{workflowId}}}","kadoaeventtype":"workflow_data_change",
         "data":{"changeId":"{{{id}}}","workflowId":"{{{workflowId}}}","payloadRef":{"url":"{{{dataUrl.AbsoluteUri}}}","size":{{{size}}},"contentType":"application/json"} } }
        """;

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
