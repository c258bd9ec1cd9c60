using System.Text.Json.Serialization;

namespace KadoaBridge.Core.Kadoa.Provisioning;

/// <summary>Source-generated JSON for Kadoa's notification API bodies.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProvisioningWire.Envelope<ProvisioningWire.ChannelList>))]
[JsonSerializable(typeof(ProvisioningWire.Envelope<ProvisioningWire.ChannelItem>))]
[JsonSerializable(typeof(ProvisioningWire.Envelope<ProvisioningWire.SettingList>))]
[JsonSerializable(typeof(ProvisioningWire.Envelope<ProvisioningWire.SettingItem>))]
[JsonSerializable(typeof(ProvisioningWire.Envelope<ProvisioningWire.TestSent>))]
[JsonSerializable(typeof(ProvisioningWire.CreateChannel))]
[JsonSerializable(typeof(ProvisioningWire.CreateSetting))]
[JsonSerializable(typeof(ProvisioningWire.UpdateSetting))]
[JsonSerializable(typeof(ProvisioningWire.SendTest))]
internal sealed partial class ProvisioningJsonContext : JsonSerializerContext;
