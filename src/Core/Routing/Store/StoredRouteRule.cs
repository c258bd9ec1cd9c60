namespace KadoaBridge.Core.Routing.Store;

/// <summary>A rule as stored, with the entity tag a conditional write (<c>If-Match</c>) must send back.</summary>
public sealed record StoredRouteRule(RouteRule Rule, string ETag);
