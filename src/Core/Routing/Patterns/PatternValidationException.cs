namespace KadoaBridge.Core.Routing.Patterns;

/// <summary>
/// Thrown by <see cref="EventPattern.Parse(string)"/> when a pattern is not a valid Amazon EventBridge event pattern
/// (or exceeds <see cref="EventPatternLimits"/>). <see cref="Path"/> points at the offending JSON node.
/// </summary>
public sealed class PatternValidationException : Exception
{
    /// <summary>Creates an error for the pattern node at <paramref name="path"/>.</summary>
    /// <param name="path">JSON path of the offending node, e.g. <c>$.data.differences.type[1].prefix</c>.</param>
    /// <param name="reason">What is wrong, without the path.</param>
    public PatternValidationException(string path, string reason)
        : base($"{path}: {reason}")
    {
        Path = path;
        Reason = reason;
    }

    public PatternValidationException()
        : this("$", "invalid event pattern")
    {
    }

    public PatternValidationException(string message)
        : this("$", message)
    {
    }

    public PatternValidationException(string message, Exception innerException)
        : base($"$: {message}", innerException)
    {
        Path = "$";
        Reason = message;
    }

    /// <summary>JSON path (RFC 9535 normalized form) of the offending node; <c>$</c> is the pattern itself.</summary>
    public string Path { get; }

    /// <summary>What is wrong with the node at <see cref="Path"/> (the message without the path).</summary>
    public string Reason { get; }
}
