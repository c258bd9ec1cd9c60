using System.Text.Json;
using EventPatterns;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Routing.Store;

/// <summary>
/// Reads and validates a rule body (<c>PUT /api/routes/{name}</c>): JSON syntax (path <c>$</c>), shape (unknown
/// properties and wrong kinds by path), the name (the body's <c>name</c>, when given, must equal the route's), then
/// <see cref="RouteRuleValidator"/> against the configured destination aliases (<c>$.filter…</c>, <c>$.destinations[i]</c>).
/// </summary>
public sealed class RouteRuleReader(IOptions<RoutingOptions> routing)
{
    /// <summary>Largest rule body. 32 KiB: a rule must fit one Table string property (32 K UTF-16 characters).</summary>
    public const int MaxRuleBytes = 32 * 1024;

    private const int MaxStoredCharacters = 32 * 1024;

    public RouteRuleReadResult Read(ReadOnlyMemory<byte> body, string routeName)
    {
        ArgumentNullException.ThrowIfNull(routeName);
        if (body.Length > MaxRuleBytes)
        {
            return Invalid(JsonPathText.Root, $"a rule is at most {MaxRuleBytes} bytes of JSON");
        }

        if (JsonText.FindUnreadableString(body.Span) is { } unreadable)
        {
            return Invalid(JsonPathText.Root, $"the body is not valid JSON text: {unreadable}");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return Invalid(JsonPathText.Root, $"the body is not valid JSON: {e.Message}");
        }

        using (document)
        {
            var errors = new List<RouteRuleError>();
            RouteRuleShape.Check(document.RootElement, errors);
            if (errors.Count > 0)
            {
                return new RouteRuleReadResult(null, errors);
            }

            var json = document.RootElement.Deserialize(RouteJsonContext.Default.RouteRuleJson)!;
            if (json.Name is not null && !string.Equals(json.Name, routeName, StringComparison.Ordinal))
            {
                errors.Add(new("$.name", $"must equal the rule name in the URL ('{routeName}') or be omitted"));
            }

            var rule = json.ToRule(routeName);
            errors.AddRange(RouteRuleValidator.Validate(rule, routing.Value.Destinations.Keys));
            if (errors.Count == 0 && RouteJson.Serialize(json with { Name = routeName }).Length > MaxStoredCharacters)
            {
                errors.Add(new(JsonPathText.Root, $"the rule is too large to store (at most {MaxStoredCharacters} characters of JSON)"));
            }

            return new RouteRuleReadResult(errors.Count == 0 ? rule : null, errors);
        }
    }

    private static RouteRuleReadResult Invalid(string path, string message) => new(null, [new RouteRuleError(path, message)]);
}
