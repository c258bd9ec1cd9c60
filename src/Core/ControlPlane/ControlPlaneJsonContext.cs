using System.Text.Json;
using System.Text.Json.Serialization;

namespace KadoaBridge.Core.ControlPlane;

/// <summary>Source-generated JSON for the control plane's answers and the replay work items: camelCase, enums as names.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ChangeList))]
[JsonSerializable(typeof(ChangeDetail))]
[JsonSerializable(typeof(ReplayJob))]
[JsonSerializable(typeof(BridgeStatus))]
[JsonSerializable(typeof(ReplayWorkItem))]
[JsonSerializable(typeof(RecoveryResult))]
[JsonSerializable(typeof(PoisonList))]
[JsonSerializable(typeof(string[]))]
public sealed partial class ControlPlaneJsonContext : JsonSerializerContext;
