namespace KadoaBridge.Core.Contract;

/// <summary>Attribute and <c>data</c> field names of the event contract (docs/contract.md).</summary>
public static class CloudEventNames
{
    public const string TeamExtension = "kadoateamid";
    public const string WorkflowExtension = "kadoaworkflowid";
    public const string DeliveryExtension = "kadoadeliveryid";
    public const string KadoaTypeExtension = "kadoaeventtype";
    public const string OriginExtension = "kadoaorigin";

    public const string ChangeId = "changeId";
    public const string WorkflowId = "workflowId";
    public const string Snapshot = "snapshot";
    public const string SnapshotRef = "snapshotRef";
    public const string PayloadRef = "payloadRef";
    public const string DiffTypes = "diffTypes";
    public const string ChangedKeys = "changedKeys";
    public const string Links = "links";

    /// <summary>Where the Kadoa dashboard and API live; the links in <c>data.links</c> point there.</summary>
    public const string KadoaSite = "https://www.kadoa.com";
}
