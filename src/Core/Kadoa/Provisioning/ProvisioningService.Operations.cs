namespace KadoaBridge.Core.Kadoa.Provisioning;

public sealed partial class ProvisioningService
{
    /// <summary>The WebSocket channel and every setting routing to it, as Kadoa reports them now, beside the record.</summary>
    /// <exception cref="KadoaRequestException">Kadoa failed (after retries) or refused the key.</exception>
    public async Task<ProvisioningStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var record = await records.ReadAsync(cancellationToken);
        var channel = FindWebSocket(await kadoa.ListChannelsAsync(cancellationToken));
        IReadOnlyList<KadoaSetting> settings = channel is null
            ? []
            : [.. (await kadoa.ListAllSettingsAsync(cancellationToken)).Where(s => s.RoutesTo(channel.Id))];
        return new ProvisioningStatus(channel, settings, record);
    }

    /// <summary>
    /// Removes the WebSocket channel from every setting of the workflow, keeping their other channels; a setting left
    /// with no channel is deleted. Settings of other workflows and other channels are untouched.
    /// </summary>
    public async Task<UnlinkResult> UnlinkAsync(string workflowId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(workflowId);
        string? channelId = null;
        var updated = new List<ProvisionedSetting>();
        var deleted = new List<ProvisionedSetting>();
        var step = "channel";
        KadoaSetting? current = null;
        ProvisioningFailure? failure = null;
        try
        {
            channelId = FindWebSocket(await kadoa.ListChannelsAsync(cancellationToken))?.Id;
            step = "settings";
            var linked = channelId is null ? [] : (await kadoa.ListSettingsAsync([workflowId], cancellationToken)).Where(s => s.RoutesTo(channelId)).ToList();
            step = "setting";
            foreach (var setting in linked)
            {
                current = setting;
                var others = setting.ChannelIds.Where(id => id != channelId).ToList();
                if (others.Count == 0)
                {
                    await kadoa.DeleteSettingAsync(setting.Id, cancellationToken);
                    deleted.Add(ProvisionedSetting.From(setting) with { ChannelIds = [] });
                    Log.SettingUnlinked(logger, channelId!, setting.Id, workflowId, "deleted");
                }
                else
                {
                    updated.Add(ProvisionedSetting.From(await kadoa.UpdateSettingAsync(setting.Id, others, setting.Enabled, cancellationToken)));
                    Log.SettingUnlinked(logger, channelId!, setting.Id, workflowId, "updated");
                }
            }
        }
        catch (KadoaRequestException e)
        {
            failure = ProvisioningFailure.From(e, step, step == "setting" ? workflowId : null, step == "setting" ? current?.EventType : null);
            Log.ProvisioningStopped(logger, step, workflowId, current?.EventType, e.StatusCode is { } status ? (int)status : 0, e);
        }

        // Forget every link of the workflow when done; only the settings handled when stopped early.
        var handled = updated.Concat(deleted).Select(s => s.EventType).ToList();
        await records.RemoveLinksAsync(workflowId, failure is null ? null : handled, CancellationToken.None);
        return new UnlinkResult(workflowId, channelId, updated, deleted, failure);
    }

    /// <summary>Asks Kadoa to send a mock event to the configured channels (the listener should forward it).</summary>
    /// <exception cref="KadoaRequestException">Kadoa failed (after retries) or refused the key.</exception>
    public async Task<KadoaTestEvent> SendTestEventAsync(TestEventRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sent = await kadoa.SendTestAsync(request.EventType, request.WorkflowId, cancellationToken);
        Log.TestEventRequested(logger, sent.EventType, request.WorkflowId, sent.EventId);
        return sent;
    }
}
