namespace KadoaBridge.Functions.Tests.Ingest;

/// <summary>CloudEvents in the bridge's contract, as the listener publishes them.</summary>
public static class SampleEvents
{
    public static string NewId() => "chg-" + Guid.NewGuid().ToString("N")[..16];

    public static string DataChange(string id, string workflowId, DateTimeOffset? time = null, string snapshotRows = """[{"title":"A","price":19.99}]""") => $$$"""
        {"specversion":"1.0","id":"{{{id}}}","source":"https://www.kadoa.com/workflow/{{{workflowId}}}","type":"Kadoa.Workflow.DataChanged",
         "subject":"workflows/{{{workflowId}}}/changes/{{{id}}}","time":"{{{(time ?? DateTimeOffset.UtcNow).UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}}}",
         "datacontenttype":"application/json","kadoateamid":"team-1","kadoaworkflowid":"{{{workflowId}}}","kadoadeliveryid":"dlv-{{{id}}}",
         "kadoaeventtype":"workflow_data_change",
         "data":{"changeId":"{{{id}}}","workflowId":"{{{workflowId}}}","url":"https://shop.example/p/1","createdAt":"2025-01-08T20:20:04.663Z",
                 "differences":[{"type":"changed","fields":[{"key":"price","value":19.99,"previousValue":24.99}]}],
                 "diffTypes":["changed"],"changedKeys":["price"],"snapshot":{{{snapshotRows}}},
                 "links":{"dashboard":"https://www.kadoa.com/data-diff/{{{id}}}"} } }
        """;

    /// <summary>A snapshot of about <paramref name="bytes"/> bytes of JSON rows.</summary>
    public static string Rows(int bytes)
    {
        var row = """{"title":"a product with a reasonably long name","price":123.45,"sku":"SKU-0000000"}""";
        var count = Math.Max(1, bytes / (row.Length + 1));
        return "[" + string.Join(",", Enumerable.Repeat(row, count)) + "]";
    }
}
