namespace KadoaBridge.Core.Routing;

/// <summary>What routing decided for an event.</summary>
public enum RouteOutcome
{
    /// <summary>At least one rule matched; the targets are the matching rules' destinations.</summary>
    Matched,

    /// <summary>No rule matched; the single target is the configured default destination.</summary>
    Default,

    /// <summary>No rule matched and no default destination is configured: the event goes nowhere.</summary>
    Dropped,
}
