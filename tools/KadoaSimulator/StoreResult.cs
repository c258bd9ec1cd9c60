using System.Text.Json.Nodes;

namespace KadoaBridge.KadoaSimulator;

/// <summary>Outcome of a provisioning write: the stored object, or the HTTP status and message of Kadoa's error body.</summary>
internal readonly record struct StoreResult(JsonObject? Value, int Status, string? Error)
{
    public static StoreResult Ok(JsonObject value) => new(value, 200, null);

    public static StoreResult Fail(int status, string error) => new(null, status, error);
}
