using System.Text.Json.Nodes;

namespace KadoaBridge.Infra.Tests.Arm;

/// <summary>Loop indexes (<c>copyIndex</c>) and lambda variables in scope while evaluating an expression.</summary>
internal sealed record EvaluationLocals(
    IReadOnlyDictionary<string, long> CopyIndexes,
    IReadOnlyDictionary<string, JsonNode?> LambdaVariables)
{
    /// <summary>Key of the innermost resource loop, which <c>copyIndex()</c> without a name refers to.</summary>
    public const string ResourceLoop = "";

    public static EvaluationLocals Empty { get; } = new(
        new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase),
        new Dictionary<string, JsonNode?>(StringComparer.Ordinal));

    public EvaluationLocals WithCopyIndex(string loopName, long index)
    {
        var copies = new Dictionary<string, long>(CopyIndexes, StringComparer.OrdinalIgnoreCase) { [loopName] = index };
        return this with { CopyIndexes = copies };
    }

    public EvaluationLocals WithLambdaVariable(string name, JsonNode? value)
    {
        var variables = new Dictionary<string, JsonNode?>(LambdaVariables, StringComparer.Ordinal) { [name] = value };
        return this with { LambdaVariables = variables };
    }
}
