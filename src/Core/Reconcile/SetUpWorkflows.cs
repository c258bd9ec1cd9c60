using KadoaBridge.Core.Contract;
using KadoaBridge.Core.Kadoa.Provisioning;

namespace KadoaBridge.Core.Reconcile;

/// <summary>The workflows reconciliation covers by default: those <c>/api/setup</c> subscribed to <c>workflow_data_change</c>.</summary>
internal static class SetUpWorkflows
{
    public static async Task<IReadOnlyList<string>> ReadAsync(ProvisioningRecordStore provisioning, CancellationToken cancellationToken) =>
        [.. (await provisioning.ReadAsync(cancellationToken)).Links
            .Where(l => l.WorkflowId is not null && l.EventType == KadoaEventTypes.DataChange)
            .Select(l => l.WorkflowId!)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
}
