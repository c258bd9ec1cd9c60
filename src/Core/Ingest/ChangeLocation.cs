namespace KadoaBridge.Core.Ingest;

/// <summary>Where a change lives in history: its workflow row and its day row, both keyed by its time and id.</summary>
public sealed record ChangeLocation(string? WorkflowId, DateTimeOffset Time, string Id)
{
    public string Partition => ChangeStore.WorkflowPartition(WorkflowId);

    public string Row => ChangeStore.WorkflowRowKey(WorkflowId, Time, Id);

    public string DayPartition => ChangeStore.DayPartition(Time);

    public string DayRow => ChangeStore.RowKey(Time, Id);
}
