namespace EventPatterns;

/// <summary>
/// Thrown by <see cref="EventPattern.Parse(string)"/> when a pattern is not a valid Amazon EventBridge event pattern
/// (or exceeds <see cref="EventPatternLimits"/>). <see cref="Path"/> points at the offending JSON node and
/// <see cref="Reason"/> says what is wrong; <see cref="Exception.Message"/> is both, e.g.
/// <c>$.data.url[0].prefix: prefix must be a string or {"equals-ignore-case": "..."}, got a number</c>.
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

    /// <summary>Creates an error for the whole pattern (<c>$</c>) without a specific reason.</summary>
    public PatternValidationException()
        : this("$", "invalid event pattern")
    {
    }

    /// <summary>Creates an error for the whole pattern (<c>$</c>).</summary>
    /// <param name="message">What is wrong, without the path.</param>
    public PatternValidationException(string message)
        : this("$", message)
    {
    }

    /// <summary>Creates an error for the whole pattern (<c>$</c>) caused by <paramref name="innerException"/>.</summary>
    /// <param name="message">What is wrong, without the path.</param>
    /// <param name="innerException">The cause.</param>
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
