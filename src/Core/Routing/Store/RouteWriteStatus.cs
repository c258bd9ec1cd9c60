namespace KadoaBridge.Core.Routing.Store;

/// <summary>How a rule write ended.</summary>
public enum RouteWriteStatus
{
    /// <summary>A new rule was stored (HTTP 201).</summary>
    Created,

    /// <summary>An existing rule was replaced (HTTP 200).</summary>
    Replaced,

    /// <summary>The rule was deleted (HTTP 204).</summary>
    Deleted,

    /// <summary>No rule has that name; DELETE without <c>If-Match</c> (HTTP 404).</summary>
    NotFound,

    /// <summary><c>If-Match</c> failed: the rule changed since it was read, or no longer exists (HTTP 412).</summary>
    PreconditionFailed,

    /// <summary><c>If-None-Match: *</c> failed: a rule of that name exists (HTTP 412).</summary>
    AlreadyExists,
}
