namespace EventPatterns;

/// <summary>
/// Size limits enforced by <see cref="EventPattern.Parse(string)"/>. They keep compilation and matching cheap and
/// bounded (one rule can never make routing slow); Amazon EventBridge has comparable limits (4096-character
/// patterns, ±5e9 numeric range).
/// </summary>
public static class EventPatternLimits
{
    /// <summary>Longest accepted pattern text, in UTF-16 characters. Default 8192.</summary>
    public const int MaxPatternLength = 8192;

    /// <summary>Deepest nesting of objects in a pattern (each field object and each <c>$or</c> alternative is one level). Default 12.</summary>
    public const int MaxNestingDepth = 12;

    /// <summary>Most values in one field's array, and in one <c>anything-but</c> list. Default 100.</summary>
    public const int MaxValuesPerField = 100;

    /// <summary>Most match values in a whole pattern (every array element counts, also inside <c>anything-but</c>). Default 500.</summary>
    public const int MaxMatchValues = 500;

    /// <summary>Most alternatives after expanding every <c>$or</c> (nested <c>$or</c> multiply). Default 64.</summary>
    public const int MaxOrBranches = 64;

    /// <summary>Longest string operand, in UTF-8 bytes. Default 1024.</summary>
    public const int MaxStringOperandBytes = 1024;

    /// <summary>Largest magnitude of a number in a <c>numeric</c> or <c>anything-but</c> operand (EventBridge: ±5.0e9 inclusive).</summary>
    public const long MaxNumericMagnitude = 5_000_000_000;

    /// <summary>Most digits right of the decimal point in a <c>numeric</c> or <c>anything-but</c> operand (EventBridge: 6).</summary>
    public const int MaxNumericDecimals = 6;
}
