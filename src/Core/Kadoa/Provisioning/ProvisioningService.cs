using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Kadoa.Provisioning;

/// <summary>
/// Subscribes the bridge to Kadoa, idempotently like Kadoa's official SDK: ensure the workspace's one WebSocket
/// channel, then for each (workflow or workspace) × event type create the setting routing to it, or add the channel to
/// the existing setting keeping its other channels, or leave it when it already routes there. Stops at the first
/// failure Kadoa's retries did not cure and reports what was done; calling again completes the rest without duplicates.
/// </summary>
public sealed partial class ProvisioningService(
    KadoaProvisioningClient kadoa,
    ProvisioningRecordStore records,
    IOptions<ProvisioningOptions> options,
    TimeProvider time,
    ILogger<ProvisioningService> logger)
{
    /// <summary>Runs a setup and records its outcome (also a partial one) in table <c>Provisioning</c>.</summary>
    public async Task<SetupResult> SetupAsync(SetupRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var progress = new SetupProgress();
        try
        {
            var channel = await EnsureChannelAsync(cancellationToken);
            progress.Channel = channel;
            progress.Step = "settings";
            var existing = (await kadoa.ListSettingsAsync(request.Scopes(), cancellationToken))
                .GroupBy(s => (s.WorkflowId, s.EventType))
                .ToDictionary(g => g.Key, g => g.First());
            progress.Step = "setting";
            foreach (var workflowId in request.Scopes())
            {
                foreach (var eventType in request.EventTypes)
                {
                    (progress.WorkflowId, progress.EventType) = (workflowId, eventType);
                    existing.TryGetValue((workflowId, eventType), out var setting);
                    await LinkAsync(channel.Id, workflowId, eventType, setting, progress, cancellationToken);
                }
            }
        }
        catch (KadoaRequestException e)
        {
            progress.Failure = progress.Step == "setting"
                ? ProvisioningFailure.From(e, progress.Step, progress.WorkflowId, progress.EventType)
                : ProvisioningFailure.From(e, progress.Step);
            Log.ProvisioningStopped(logger, progress.Step, Scope(progress.WorkflowId), progress.EventType, e.StatusCode is { } status ? (int)status : 0, e);
        }

        var result = progress.ToResult();
        Log.SetupFinished(logger, result.Created.Count, result.Updated.Count, result.Unchanged.Count, result.Complete);

        // Kadoa has changed by now: record it even if the caller goes away meanwhile (a half-written record would mislead).
        await records.RecordSetupAsync(result, time.GetUtcNow(), CancellationToken.None);
        return result;
    }

    /// <summary>Finds the workspace's WebSocket channel (whatever its name) or creates it.</summary>
    private async Task<ProvisionedChannel> EnsureChannelAsync(CancellationToken cancellationToken)
    {
        if (FindWebSocket(await kadoa.ListChannelsAsync(cancellationToken)) is { } existing)
        {
            Log.ChannelReused(logger, existing.Id, existing.Name);
            return new ProvisionedChannel(existing.Id, existing.Name, Created: false);
        }

        var name = options.Value.ChannelName;
        try
        {
            var created = await kadoa.CreateWebSocketChannelAsync(name, cancellationToken);
            Log.ChannelCreated(logger, created.Id, created.Name);
            return new ProvisionedChannel(created.Id, created.Name, Created: true);
        }
        catch (KadoaRequestException e) when (IsRefusal(e))
        {
            // Kadoa allows one WebSocket channel per workspace: a concurrent setup (or our own retried attempt) may
            // have created it since we looked. Reuse it if so; otherwise the refusal stands.
            Log.CreateRefused(logger, "the WebSocket channel", (int)e.StatusCode!);
            var again = FindWebSocket(await kadoa.ListChannelsAsync(cancellationToken));
            if (again is null)
            {
                throw;
            }

            Log.ChannelReused(logger, again.Id, again.Name);
            return new ProvisionedChannel(again.Id, again.Name, Created: false);
        }
    }

    /// <summary>The WebSocket channel; should Kadoa ever list several, the one carrying our name, else the oldest listed.</summary>
    private KadoaChannel? FindWebSocket(IReadOnlyList<KadoaChannel> channels)
    {
        var candidates = channels.Where(c => c.IsWebSocket).ToList();
        return candidates.Find(c => c.Name == options.Value.ChannelName) ?? candidates.FirstOrDefault();
    }

    private static bool IsRefusal(KadoaRequestException e) => e.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict;

    private static string Scope(string? workflowId) => workflowId ?? "the workspace";
}
