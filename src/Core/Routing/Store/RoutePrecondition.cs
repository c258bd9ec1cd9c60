using System.Diagnostics.CodeAnalysis;

namespace KadoaBridge.Core.Routing.Store;

/// <summary>
/// The HTTP conditions of a rule write (<see href="https://www.rfc-editor.org/rfc/rfc9110#section-13.1">RFC 9110 §13.1</see>):
/// none (create or replace), <c>If-Match: "etag"</c> (replace that version only), <c>If-Match: *</c> (replace an
/// existing rule only) or <c>If-None-Match: *</c> (create only).
/// </summary>
public sealed record RoutePrecondition
{
    /// <summary>No condition: PUT creates or replaces, DELETE deletes whatever is there.</summary>
    public static RoutePrecondition None { get; } = new();

    /// <summary>The entity tag the stored rule must have (as GET's <c>ETag</c> returned it), or <c>*</c>: any existing rule.</summary>
    public string? IfMatch { get; init; }

    /// <summary><c>If-None-Match: *</c>: only create; fail when a rule of that name exists.</summary>
    public bool CreateOnly { get; init; }

    /// <summary>Reads the <c>If-Match</c> and <c>If-None-Match</c> header values; empty means absent.</summary>
    /// <param name="error">The header at fault (as <see cref="RouteRuleError.Path"/>) and why.</param>
    public static bool TryParse(
        string? ifMatch, string? ifNoneMatch, [NotNullWhen(true)] out RoutePrecondition? precondition, [NotNullWhen(false)] out RouteRuleError? error)
    {
        ifMatch = string.IsNullOrWhiteSpace(ifMatch) ? null : ifMatch.Trim();
        ifNoneMatch = string.IsNullOrWhiteSpace(ifNoneMatch) ? null : ifNoneMatch.Trim();
        precondition = null;
        error = (ifMatch, ifNoneMatch) switch
        {
            ({ }, { }) => new("If-Match", "send If-Match or If-None-Match, not both"),
            (_, { } noneMatch) when noneMatch != "*" => new("If-None-Match", "only 'If-None-Match: *' (create only) is supported"),
            ({ } match, _) when match.Contains(',', StringComparison.Ordinal) => new("If-Match", "send one entity tag (the ETag a GET returned) or '*'"),
            ({ } match, _) when match != "*" && !match.EndsWith('"') => new("If-Match", "must be '*' or an entity tag in quotes, exactly as the ETag header returned it"),
            _ => null,
        };
        if (error is not null)
        {
            return false;
        }

        precondition = ifMatch is null && ifNoneMatch is null ? None : new RoutePrecondition { IfMatch = ifMatch, CreateOnly = ifNoneMatch is not null };
        return true;
    }
}
