namespace KadoaBridge.Core.Kadoa.Provisioning;

public sealed partial class ProvisioningService
{
    /// <summary>Makes one (scope, event type) route to the channel: create, merge or leave alone.</summary>
    private async Task LinkAsync(string channelId, string? workflowId, string eventType, KadoaSetting? setting, SetupProgress progress, CancellationToken cancellationToken)
    {
        if (setting is null)
        {
            try
            {
                var created = await kadoa.CreateSettingAsync(workflowId, eventType, [channelId], cancellationToken);
                Log.SettingCreated(logger, created.Id, Scope(workflowId), eventType);
                progress.Created.Add(ProvisionedSetting.From(created));
                return;
            }
            catch (KadoaRequestException e) when (IsRefusal(e))
            {
                // Kadoa keeps one setting per (workflow, event type): it may exist since we listed (a concurrent
                // setup, or our own attempt that Kadoa completed before a retry). Merge into it if so.
                Log.CreateRefused(logger, "a notification setting", (int)e.StatusCode!);
                setting = (await kadoa.ListSettingsAsync([workflowId], cancellationToken)).FirstOrDefault(s => s.EventType == eventType);
                if (setting is null)
                {
                    throw;
                }
            }
        }

        if (setting.RoutesTo(channelId))
        {
            Log.SettingUnchanged(logger, setting.Id, Scope(workflowId), eventType, channelId);
            progress.Unchanged.Add(ProvisionedSetting.From(setting));
            return;
        }

        var others = setting.ChannelIds;
        var updated = await kadoa.UpdateSettingAsync(setting.Id, [.. others, channelId], setting.Enabled, cancellationToken);
        Log.SettingMerged(logger, channelId, updated.Id, Scope(workflowId), eventType, others.Count);
        progress.Updated.Add(ProvisionedSetting.From(updated));
    }
}
