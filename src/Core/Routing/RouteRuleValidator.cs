using EventPatterns;

namespace KadoaBridge.Core.Routing;

/// <summary>
/// Validates a <see cref="RouteRule"/> on write: every error names the JSON path of the field (camelCase, as the rule
/// is stored), e.g. <c>$.name</c>, <c>$.filter.data.url[0].prefix</c>, <c>$.destinations[2]</c>,
/// <c>$.transform.keepDataFields[1]</c>. Destination aliases are compared ordinally (case-sensitive).
/// </summary>
public static class RouteRuleValidator
{
    /// <summary>Longest rule name. 63.</summary>
    public const int MaxNameLength = 63;

    /// <summary>Longest description. 1024 characters.</summary>
    public const int MaxDescriptionLength = 1024;

    /// <summary>Longest <see cref="RouteTransform.Type"/> and <see cref="RouteTransform.KeepDataFields"/> entry. 256 characters.</summary>
    public const int MaxTransformTextLength = 256;

    /// <summary>Returns every problem with <paramref name="rule"/>; an empty list means it is valid.</summary>
    /// <param name="rule">The rule to check.</param>
    /// <param name="destinationAliases">The destination aliases configured for this deployment.</param>
    public static IReadOnlyList<RouteRuleError> Validate(RouteRule rule, IReadOnlyCollection<string> destinationAliases)
    {
        ArgumentNullException.ThrowIfNull(destinationAliases);
        return Validate(rule, new HashSet<string>(destinationAliases, StringComparer.Ordinal), out _);
    }

    internal static List<RouteRuleError> Validate(RouteRule rule, HashSet<string> aliases, out EventPattern? filter)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var errors = new List<RouteRuleError>();
        ValidateName(rule.Name, errors);
        if (rule.Description is { Length: > MaxDescriptionLength })
        {
            errors.Add(new("$.description", $"must be at most {MaxDescriptionLength} characters"));
        }

        filter = null;
        if (rule.Filter is not null)
        {
            try
            {
                filter = EventPattern.Parse(rule.Filter);
            }
            catch (PatternValidationException ex)
            {
                errors.Add(new(JsonPathText.Rebase("$.filter", ex.Path), ex.Reason));
            }
        }

        ValidateDestinations(rule.Destinations, aliases, errors);
        if (rule.Transform is not null)
        {
            ValidateTransform(rule.Transform, errors);
        }

        return errors;
    }

    private static void ValidateName(string? name, List<RouteRuleError> errors)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            errors.Add(new("$.name", $"is required and must be 1-{MaxNameLength} characters"));
        }
        else if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            errors.Add(new("$.name", "may only contain letters, digits, '-', '_' and '.'"));
        }
    }

    private static void ValidateDestinations(IReadOnlyList<string>? destinations, HashSet<string> aliases, List<RouteRuleError> errors)
    {
        if (destinations is null || destinations.Count == 0)
        {
            errors.Add(new("$.destinations", "at least one destination is required"));
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < destinations.Count; i++)
        {
            string path = $"$.destinations[{i}]";
            string? alias = destinations[i];
            if (string.IsNullOrEmpty(alias))
            {
                errors.Add(new(path, "must not be empty"));
            }
            else if (!aliases.Contains(alias))
            {
                string known = aliases.Count == 0 ? "none are configured" : "configured: " + string.Join(", ", aliases.Order(StringComparer.Ordinal));
                errors.Add(new(path, $"unknown destination '{alias}' ({known})"));
            }
            else if (!seen.Add(alias))
            {
                errors.Add(new(path, $"duplicate destination '{alias}'"));
            }
        }
    }

    private static void ValidateTransform(RouteTransform transform, List<RouteRuleError> errors)
    {
        if (transform.Type is not null && !IsPlainText(transform.Type))
        {
            errors.Add(new("$.transform.type", $"must be 1-{MaxTransformTextLength} characters, not blank, without control characters"));
        }

        if (transform.KeepDataFields is null)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < transform.KeepDataFields.Count; i++)
        {
            string? field = transform.KeepDataFields[i];
            string path = $"$.transform.keepDataFields[{i}]";
            if (field is null || !IsPlainText(field))
            {
                errors.Add(new(path, $"must be a data property name of 1-{MaxTransformTextLength} characters without control characters"));
            }
            else if (!seen.Add(field))
            {
                errors.Add(new(path, $"duplicate field '{field}'"));
            }
        }
    }

    private static bool IsPlainText(string text) =>
        text.Length is > 0 and <= MaxTransformTextLength && !string.IsNullOrWhiteSpace(text) && !text.Any(char.IsControl);
}
