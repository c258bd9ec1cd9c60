namespace KadoaBridge.Core.Ingest;

/// <summary>Where a change lives in history: its workflow partition, with a row in the workflow's range and one in the time index.</summary>
public sealed record ChangeLocation(string? WorkflowId, DateTimeOffset Time, string Id)
{
    public string Partition => ChangeStore.WorkflowPartition(WorkflowId);

    public string Row => ChangeStore.WorkflowRowKey(WorkflowId, Time, Id);

    public string TimeRow => ChangeStore.TimeRowKey(Time, Id);
}
