using System.Text.Json.Nodes;

namespace KadoaBridge.Infra.Tests.Arm;

internal sealed partial class TemplateEvaluator
{
    /// <summary>Evaluates a template JSON value: expression strings, objects (with property loops) and arrays.</summary>
    public JsonNode? Evaluate(JsonNode? raw, DeploymentContext context, EvaluationLocals locals)
    {
        switch (raw)
        {
            case JsonValue value when value.TryGetValue<string>(out var text):
                if (ArmExpressionParser.IsExpression(text))
                {
                    return EvaluateExpression(ArmExpressionParser.ParseTemplateString(text), context, locals);
                }

                return JsonValue.Create(text.StartsWith("[[", StringComparison.Ordinal) ? text[1..] : text);
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (key, child) in obj)
                {
                    if (key == "copy" && IsPropertyLoop(child))
                    {
                        foreach (var loop in child!.AsArray().OfType<JsonObject>())
                        {
                            result[ArmValues.ToText(loop["name"])] = EvaluateLoop(loop, context, locals);
                        }

                        continue;
                    }

                    var evaluatedKey = ArmValues.ToText(Evaluate(JsonValue.Create(key), context, locals));
                    result[evaluatedKey] = Evaluate(child, context, locals);
                }

                return result;
            case JsonArray array:
                return new JsonArray([.. array.Select(item => Evaluate(item, context, locals))]);
            default:
                return ArmValues.Clone(raw);
        }
    }

    private static bool IsPropertyLoop(JsonNode? node) =>
        node is JsonArray loops && loops.Count > 0 &&
        loops.All(l => l is JsonObject o && o.ContainsKey("name") && o.ContainsKey("count") && o.ContainsKey("input"));

    /// <summary>A property or variable loop: <c>{ name, count, input }</c> with <c>copyIndex(name)</c>.</summary>
    private JsonNode EvaluateLoop(JsonObject loop, DeploymentContext context, EvaluationLocals locals)
    {
        var name = ArmValues.ToText(loop["name"]);
        var count = ArmValues.AsLong(Evaluate(loop["count"], context, locals));
        if (count is null)
        {
            return Unknown.Of($"loop {name} of unknown length");
        }

        var items = new JsonArray();
        for (var i = 0L; i < count; i++)
        {
            items.Add(Evaluate(loop["input"], context, locals.WithCopyIndex(name, i)));
        }

        return items;
    }

    public JsonNode? EvaluateExpression(ArmExpr expression, DeploymentContext context, EvaluationLocals locals) => expression switch
    {
        ArmExpr.StringLiteral s => JsonValue.Create(s.Value),
        ArmExpr.NumberLiteral n => JsonValue.Create(n.Value),
        ArmExpr.Word { Name: "true" } => JsonValue.Create(true),
        ArmExpr.Word { Name: "false" } => JsonValue.Create(false),
        ArmExpr.Word { Name: "null" } => null,
        ArmExpr.Word w => throw new FormatException($"Unknown word '{w.Name}' in an ARM expression."),
        ArmExpr.Property p => AccessProperty(EvaluateExpression(p.Target, context, locals), p.Name, p),
        ArmExpr.Index x => AccessIndex(EvaluateExpression(x.Target, context, locals), EvaluateExpression(x.Key, context, locals), x),
        ArmExpr.Call c => EvaluateCall(c, context, locals),
        _ => throw new NotSupportedException(expression.GetType().Name),
    };

    private static JsonNode? AccessProperty(JsonNode? target, string name, ArmExpr expression)
    {
        if (Unknown.IsUnknown(target))
        {
            return Unknown.Extend(target, $".{name}");
        }

        if (target is JsonObject obj && ArmValues.TryGetProperty(obj, name, out var value))
        {
            return ArmValues.Clone(value);
        }

        throw new InvalidOperationException($"Property '{name}' not found evaluating {expression} on {Unknown.Describe(target)}.");
    }

    private static JsonNode? AccessIndex(JsonNode? target, JsonNode? key, ArmExpr expression)
    {
        if (Unknown.IsUnknown(target) || Unknown.IsUnknown(key))
        {
            return Unknown.IsUnknown(target)
                ? Unknown.Extend(target, $"[{ArmValues.ToText(key)}]")
                : Unknown.DerivedFrom(key, $"{Unknown.Describe(target)}[{ArmValues.ToText(key)}]");
        }

        if (target is JsonArray array && ArmValues.AsLong(key) is { } index && index >= 0 && index < array.Count)
        {
            return ArmValues.Clone(array[(int)index]);
        }

        if (target is JsonObject obj && ArmValues.AsString(key) is { } name && ArmValues.TryGetProperty(obj, name, out var value))
        {
            return ArmValues.Clone(value);
        }

        throw new InvalidOperationException($"Index {ArmValues.ToText(key)} not found evaluating {expression}.");
    }

    private JsonNode? Parameter(string name, DeploymentContext context)
    {
        if (context.ParameterCache.TryGetValue(name, out var cached))
        {
            return ArmValues.Clone(cached);
        }

        var declaration = context.ParameterDeclaration(name)
            ?? throw new InvalidOperationException($"Parameter '{name}' is not declared in deployment '{context.Path}'.");
        var type = ArmValues.AsString(declaration["type"]) ?? string.Empty;
        JsonNode? value;
        if (type.StartsWith("secure", StringComparison.OrdinalIgnoreCase))
        {
            value = Unknown.Secret($"parameter {name}");
        }
        else if (context.SuppliedParameters.TryGetValue(name, out var supplied))
        {
            value = ArmValues.Clone(supplied);
        }
        else if (declaration.ContainsKey("defaultValue"))
        {
            value = Evaluate(declaration["defaultValue"], context, EvaluationLocals.Empty);
        }
        else
        {
            value = Unknown.Of($"parameter {name} (no value)");
        }

        context.ParameterCache[name] = value;
        return ArmValues.Clone(value);
    }

    private JsonNode? Variable(string name, DeploymentContext context)
    {
        if (context.VariableCache.TryGetValue(name, out var cached))
        {
            return ArmValues.Clone(cached);
        }

        if (!context.VariablesInProgress.Add(name))
        {
            throw new InvalidOperationException($"Variable '{name}' refers to itself.");
        }

        JsonNode? value;
        if (context.VariableLoop(name) is { } loop)
        {
            value = EvaluateLoop(loop, context, EvaluationLocals.Empty);
        }
        else
        {
            var raw = context.VariableDeclaration(name, out var found);
            value = found
                ? Evaluate(raw, context, EvaluationLocals.Empty)
                : throw new InvalidOperationException($"Variable '{name}' is not declared in deployment '{context.Path}'.");
        }

        context.VariablesInProgress.Remove(name);
        context.VariableCache[name] = value;
        return ArmValues.Clone(value);
    }
}
