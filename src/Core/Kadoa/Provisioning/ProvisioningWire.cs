using System.Diagnostics.CodeAnalysis;

namespace KadoaBridge.Core.Kadoa.Provisioning;

/// <summary>
/// Kadoa's JSON bodies of the notification API, every field optional as received, and their mapping to the public
/// models (which require what the bridge relies on: ids and types).
/// </summary>
internal static class ProvisioningWire
{
    public sealed record Envelope<T>(T? Data, string? Message);

    public sealed record ChannelList(List<Channel>? Channels);

    public sealed record ChannelItem(Channel? Channel);

    public sealed record SettingList(List<Setting>? Settings);

    public sealed record SettingItem(Setting? Settings);

    public sealed record TestSent(string? EventId, string? EventType, string? WorkflowId);

    public sealed record Channel(string? Id, string? Name, string? ChannelType, List<Linked>? LinkedConfigurations, string? CreatedAt, string? UpdatedAt);

    public sealed record Linked(string? ConfigurationId, string? WorkflowId, string? EventType, bool? Enabled);

    public sealed record Setting(string? Id, string? WorkflowId, string? EventType, bool? Enabled, List<ChannelRef>? Channels, string? CreatedAt, string? UpdatedAt);

    public sealed record ChannelRef(string? Id, string? Name, string? ChannelType);

    public sealed record CreateChannel(string Name, string ChannelType, Dictionary<string, string> Config);

    public sealed record CreateSetting(string? WorkflowId, string EventType, Dictionary<string, string> EventConfiguration, bool Enabled, IReadOnlyList<string> ChannelIds);

    public sealed record UpdateSetting(IReadOnlyList<string> ChannelIds, bool Enabled);

    public sealed record SendTest(string EventType, string? WorkflowId);

    public static KadoaChannel ToModel(Channel? channel, string operation)
    {
        if (channel is null || string.IsNullOrEmpty(channel.Id) || string.IsNullOrEmpty(channel.ChannelType))
        {
            throw Malformed(operation, "a channel without id or channelType");
        }

        var links = (channel.LinkedConfigurations ?? [])
            .Where(l => !string.IsNullOrEmpty(l.ConfigurationId) && !string.IsNullOrEmpty(l.EventType))
            .Select(l => new KadoaChannel.Link(l.ConfigurationId!, NullIfEmpty(l.WorkflowId), l.EventType!, l.Enabled ?? true))
            .ToList();
        return new KadoaChannel(channel.Id, channel.Name ?? "", channel.ChannelType, links, channel.CreatedAt, channel.UpdatedAt);
    }

    public static KadoaSetting ToModel(Setting? setting, string operation)
    {
        if (setting is null || string.IsNullOrEmpty(setting.Id) || string.IsNullOrEmpty(setting.EventType))
        {
            throw Malformed(operation, "a setting without id or eventType");
        }

        var channels = (setting.Channels ?? [])
            .Where(c => !string.IsNullOrEmpty(c.Id))
            .Select(c => new KadoaSetting.ChannelRef(c.Id!, c.Name, c.ChannelType))
            .ToList();
        return new KadoaSetting(setting.Id, NullIfEmpty(setting.WorkflowId), setting.EventType, setting.Enabled ?? true, channels, setting.CreatedAt, setting.UpdatedAt);
    }

    public static KadoaRequestException Malformed(string operation, string what) =>
        new($"Kadoa's answer to {operation} was not what its API describes: {what}.");

    [return: NotNullIfNotNull(nameof(value))]
    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
