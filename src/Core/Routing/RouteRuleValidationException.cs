namespace KadoaBridge.Core.Routing;

/// <summary>Thrown by <see cref="CompiledRouteTable.Compile"/> when a rule is invalid; carries every error of that rule.</summary>
public sealed class RouteRuleValidationException : Exception
{
    public RouteRuleValidationException(string ruleName, IReadOnlyList<RouteRuleError> errors)
        : base($"Routing rule '{ruleName}' is invalid: {string.Join("; ", errors)}")
    {
        RuleName = ruleName;
        Errors = errors;
    }

    public RouteRuleValidationException()
        : this("(unnamed)", [])
    {
    }

    public RouteRuleValidationException(string message)
        : base(message)
    {
        RuleName = "(unnamed)";
        Errors = [];
    }

    public RouteRuleValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        RuleName = "(unnamed)";
        Errors = [];
    }

    /// <summary>Name of the invalid rule.</summary>
    public string RuleName { get; }

    /// <summary>Its errors, each naming a JSON path inside the rule.</summary>
    public IReadOnlyList<RouteRuleError> Errors { get; }
}
