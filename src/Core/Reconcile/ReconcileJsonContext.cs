using System.Text.Json;
using System.Text.Json.Serialization;

namespace KadoaBridge.Core.Reconcile;

/// <summary>Source-generated JSON for the backfill answers and work items.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(BackfillJob))]
[JsonSerializable(typeof(BackfillWorkItem))]
[JsonSerializable(typeof(GapFillRun))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
public sealed partial class ReconcileJsonContext : JsonSerializerContext;
