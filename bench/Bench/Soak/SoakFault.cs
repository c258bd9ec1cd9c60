namespace KadoaBridge.Bench.Soak;

/// <summary>One injected fault: when it was active (wall clock, UTC) and the evidence that it really happened.</summary>
public sealed class SoakFault(string name, string description)
{
    /// <summary>Short name used in the table, e.g. <c>listener-kill9</c>.</summary>
    public string Name { get; } = name;

    public string Description { get; } = description;

    public DateTimeOffset Start { get; set; }

    /// <summary>When the fault was lifted and the component it hit was back (a restarted process listening, a socket resubscribed).</summary>
    public DateTimeOffset End { get; set; }

    /// <summary>True when the evidence shows the fault took effect (a process exited with 137, a reconnect was seen, requests were refused).</summary>
    public bool Happened { get; set; }

    /// <summary>What shows it happened (or did not).</summary>
    public string Evidence { get; set; } = "not run";
}
