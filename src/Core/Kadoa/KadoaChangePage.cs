using System.Text.Json;

namespace KadoaBridge.Core.Kadoa;

/// <summary>One page of <c>GET /v5/changes</c>: the change objects as Kadoa wrote them, and the total when Kadoa said it.</summary>
public sealed record KadoaChangePage(IReadOnlyList<JsonElement> Changes, int? TotalCount);
