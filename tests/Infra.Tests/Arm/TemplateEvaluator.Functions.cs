using System.Globalization;
using System.Text.Json.Nodes;

namespace KadoaBridge.Infra.Tests.Arm;

internal sealed partial class TemplateEvaluator
{
    private JsonNode? EvaluateCall(ArmExpr.Call call, DeploymentContext context, EvaluationLocals locals)
    {
        var name = call.Name.ToLowerInvariant();
        switch (name)
        {
            // Lazy or binding functions first: they must not evaluate every argument up front.
            case "if":
                return If(call, context, locals);
            case "map" or "filter" or "toobject" or "reduce" or "sort":
                return Lambda(name, call, context, locals);
            case "lambdavariables":
                var variable = ArmValues.ToText(EvaluateExpression(call.Arguments[0], context, locals));
                return locals.LambdaVariables.TryGetValue(variable, out var bound)
                    ? ArmValues.Clone(bound)
                    : throw new InvalidOperationException($"Lambda variable '{variable}' is not bound.");
            case "reference":
                return Reference(call, context, locals);
        }

        var args = call.Arguments.Select(a => EvaluateExpression(a, context, locals)).ToList();
        if (name.StartsWith("list", StringComparison.Ordinal))
        {
            // listKeys, listSecrets, listCredentials...: always secret material.
            return Unknown.Secret(call.ToString());
        }

        return name switch
        {
            "parameters" => Parameter(ArmValues.ToText(args[0]), context),
            "variables" => Variable(ArmValues.ToText(args[0]), context),
            "copyindex" => CopyIndex(args, locals),
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            "null" => null,
            "createobject" => CreateObject(args),
            "createarray" => new JsonArray([.. args.Select(ArmValues.Clone)]),
            "resourceid" => JsonValue.Create(ResourceId(context.SubscriptionId, context.ResourceGroup, args)),
            "subscriptionresourceid" => JsonValue.Create(ResourceId(context.SubscriptionId, null, args)),
            "tenantresourceid" => JsonValue.Create(ResourceId(null, null, args)),
            "extensionresourceid" => JsonValue.Create(ExtensionResourceId(args)),
            "subscription" => Subscription(context),
            "resourcegroup" => ResourceGroup(context),
            "tenant" => new JsonObject { ["tenantId"] = FakeTenantId },
            "deployment" => new JsonObject { ["name"] = context.Path, ["properties"] = Unknown.Of("deployment().properties") },
            "environment" => Unknown.Of("environment()"),
            _ when args.Any(Unknown.IsUnknown) && !Tolerant.Contains(name) => Unknown.DerivedFrom(new JsonArray([.. args.Select(ArmValues.Clone)]), call.ToString()),
            _ => Pure(name, args, call),
        };
    }

    // Functions that still give a useful result when an argument is unknown.
    private static readonly HashSet<string> Tolerant =
        ["format", "concat", "createobject", "createarray", "union", "coalesce", "and", "or", "tryget", "guid", "uniquestring", "tolower", "toupper", "string"];

    private JsonNode? If(ArmExpr.Call call, DeploymentContext context, EvaluationLocals locals)
    {
        var condition = EvaluateExpression(call.Arguments[0], context, locals);
        return ArmValues.AsBool(condition) switch
        {
            true => EvaluateExpression(call.Arguments[1], context, locals),
            false => EvaluateExpression(call.Arguments[2], context, locals),
            null => Unknown.DerivedFrom(
                new JsonArray(EvaluateExpression(call.Arguments[1], context, locals), EvaluateExpression(call.Arguments[2], context, locals)),
                call.ToString()),
        };
    }

    private JsonNode? Lambda(string name, ArmExpr.Call call, DeploymentContext context, EvaluationLocals locals)
    {
        var source = EvaluateExpression(call.Arguments[0], context, locals);
        if (source is not JsonArray items)
        {
            return Unknown.DerivedFrom(source, call.ToString());
        }

        JsonNode? Apply(ArmExpr lambdaExpr, JsonNode? item)
        {
            var lambda = (ArmExpr.Call)lambdaExpr;
            var variable = ((ArmExpr.StringLiteral)lambda.Arguments[0]).Value;
            return EvaluateExpression(lambda.Arguments[^1], context, locals.WithLambdaVariable(variable, item));
        }

        switch (name)
        {
            case "map":
                return new JsonArray([.. items.Select(item => Apply(call.Arguments[1], item))]);
            case "filter":
                return new JsonArray([.. items.Where(item => ArmValues.AsBool(Apply(call.Arguments[1], item)) == true).Select(ArmValues.Clone)]);
            case "toobject":
                var result = new JsonObject();
                foreach (var item in items)
                {
                    var value = call.Arguments.Count > 2 ? Apply(call.Arguments[2], item) : ArmValues.Clone(item);
                    result[ArmValues.ToText(Apply(call.Arguments[1], item))] = value;
                }

                return result;
            default:
                return Unknown.Of(call.ToString());
        }
    }

    private static JsonValue CopyIndex(List<JsonNode?> args, EvaluationLocals locals)
    {
        var loop = args.Count > 0 && ArmValues.AsString(args[0]) is { } named ? named : EvaluationLocals.ResourceLoop;
        var offset = args.Count > 0 ? ArmValues.AsLong(args[^1]) ?? 0 : 0;
        return locals.CopyIndexes.TryGetValue(loop, out var index)
            ? JsonValue.Create(index + offset)
            : throw new InvalidOperationException($"copyIndex('{loop}') outside its loop.");
    }

    private static JsonObject CreateObject(List<JsonNode?> args)
    {
        var result = new JsonObject();
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            result[ArmValues.ToText(args[i])] = ArmValues.Clone(args[i + 1]);
        }

        return result;
    }

    private static JsonNode? Pure(string name, List<JsonNode?> args, ArmExpr.Call call)
    {
        string Text(int i) => ArmValues.ToText(args[i]);
        return name switch
        {
            "format" => JsonValue.Create(string.Format(CultureInfo.InvariantCulture, Text(0), [.. args.Skip(1).Select(ArmValues.ToText)])),
            "concat" when args.Count > 0 && args[0] is JsonArray => new JsonArray([.. args.SelectMany(a => a is JsonArray arr ? arr.Select(ArmValues.Clone) : [ArmValues.Clone(a)])]),
            "concat" => JsonValue.Create(string.Concat(args.Select(ArmValues.ToText))),
            "union" when args.All(a => a is JsonObject) => ArmValues.Merge(args.Cast<JsonObject>()),
            "union" when args.All(a => a is JsonArray) => new JsonArray([.. args.SelectMany(a => a!.AsArray()).Select(ArmValues.Clone)]),
            "union" => Unknown.DerivedFrom(new JsonArray([.. args.Select(ArmValues.Clone)]), call.ToString()),
            "coalesce" => ArmValues.Clone(args.FirstOrDefault(a => a is not null)),
            "and" => args.Any(a => ArmValues.AsBool(a) == false) ? JsonValue.Create(false)
                : args.All(a => ArmValues.AsBool(a) == true) ? JsonValue.Create(true) : Unknown.Of(call.ToString()),
            "or" => args.Any(a => ArmValues.AsBool(a) == true) ? JsonValue.Create(true)
                : args.All(a => ArmValues.AsBool(a) == false) ? JsonValue.Create(false) : Unknown.Of(call.ToString()),
            "tryget" => TryGet(args),
            "not" => JsonValue.Create(!(ArmValues.AsBool(args[0]) ?? throw Bad(call))),
            "less" => JsonValue.Create(Compare(args, call) < 0),
            "lessorequals" => JsonValue.Create(Compare(args, call) <= 0),
            "greater" => JsonValue.Create(Compare(args, call) > 0),
            "greaterorequals" => JsonValue.Create(Compare(args, call) >= 0),
            "substring" => JsonValue.Create(Text(0).Substring((int)ArmValues.AsLong(args[1])!, (int)ArmValues.AsLong(args[2])!)),
            "fail" => throw new TemplateFailedException(Text(0)),
            "equals" => JsonValue.Create(JsonNode.DeepEquals(args[0], args[1])),
            "empty" => JsonValue.Create(ArmValues.IsEmpty(args[0])),
            "length" => JsonValue.Create(args[0] switch { JsonArray a => a.Count, JsonObject o => o.Count, _ => Text(0).Length }),
            "first" => args[0] is JsonArray a0 ? ArmValues.Clone(a0.FirstOrDefault()) : JsonValue.Create(Text(0)[..1]),
            "last" => args[0] is JsonArray a1 ? ArmValues.Clone(a1.LastOrDefault()) : JsonValue.Create(Text(0)[^1..]),
            "contains" => JsonValue.Create(Contains(args[0], args[1])),
            "range" => new JsonArray([.. Enumerable.Range((int)ArmValues.AsLong(args[0])!, (int)ArmValues.AsLong(args[1])!).Select(i => (JsonNode)JsonValue.Create(i))]),
            "tolower" => JsonValue.Create(Text(0).ToLowerInvariant()),
            "toupper" => JsonValue.Create(Text(0).ToUpperInvariant()),
            "string" => JsonValue.Create(Text(0)),
            "int" => JsonValue.Create(long.Parse(Text(0), CultureInfo.InvariantCulture)),
            "bool" => JsonValue.Create(bool.Parse(Text(0))),
            "json" => JsonNode.Parse(Text(0)),
            "replace" => JsonValue.Create(Text(0).Replace(Text(1), Text(2), StringComparison.Ordinal)),
            "startswith" => JsonValue.Create(Text(0).StartsWith(Text(1), StringComparison.OrdinalIgnoreCase)),
            "endswith" => JsonValue.Create(Text(0).EndsWith(Text(1), StringComparison.OrdinalIgnoreCase)),
            "trim" => JsonValue.Create(Text(0).Trim()),
            "split" => new JsonArray([.. Text(0).Split(Text(1)).Select(p => (JsonNode)JsonValue.Create(p))]),
            "join" => JsonValue.Create(string.Join(Text(1), args[0]!.AsArray().Select(ArmValues.ToText))),
            "take" => args[0] is JsonArray t ? new JsonArray([.. t.Take((int)ArmValues.AsLong(args[1])!).Select(ArmValues.Clone)]) : JsonValue.Create(new string([.. Text(0).Take((int)ArmValues.AsLong(args[1])!)])),
            "skip" => args[0] is JsonArray k ? new JsonArray([.. k.Skip((int)ArmValues.AsLong(args[1])!).Select(ArmValues.Clone)]) : JsonValue.Create(new string([.. Text(0).Skip((int)ArmValues.AsLong(args[1])!)])),
            "uniquestring" => JsonValue.Create(ArmValues.UniqueString(args.Select(ArmValues.ToText))),
            "guid" => JsonValue.Create(ArmValues.Guid(args.Select(ArmValues.ToText))),
            "shallowmerge" => ArmValues.Merge(args[0]!.AsArray().OfType<JsonObject>()),
            "objectkeys" => new JsonArray([.. args[0]!.AsObject().Select(p => (JsonNode)JsonValue.Create(p.Key))]),
            "items" => new JsonArray([.. args[0]!.AsObject().Select(p => (JsonNode)new JsonObject { ["key"] = p.Key, ["value"] = ArmValues.Clone(p.Value) })]),
            _ => Unknown.DerivedFrom(new JsonArray([.. args.Select(ArmValues.Clone)]), call.ToString()),
        };
    }

    private static JsonNode? TryGet(List<JsonNode?> args)
    {
        var current = args[0];
        foreach (var key in args.Skip(1))
        {
            if (Unknown.IsUnknown(current))
            {
                return Unknown.Extend(current, $".?{ArmValues.ToText(key)}");
            }

            current = current switch
            {
                JsonObject obj when ArmValues.TryGetProperty(obj, ArmValues.ToText(key), out var value) => value,
                JsonArray array when ArmValues.AsLong(key) is { } i && i >= 0 && i < array.Count => array[(int)i],
                _ => null,
            };
        }

        return ArmValues.Clone(current);
    }

    private static bool Contains(JsonNode? container, JsonNode? item) => container switch
    {
        JsonObject obj => ArmValues.TryGetProperty(obj, ArmValues.ToText(item), out _),
        JsonArray array => array.Any(element => JsonNode.DeepEquals(element, item)),
        _ => ArmValues.ToText(container).Contains(ArmValues.ToText(item), StringComparison.OrdinalIgnoreCase),
    };

    private static int Compare(List<JsonNode?> args, ArmExpr.Call call) =>
        ArmValues.AsLong(args[0]) is { } left && ArmValues.AsLong(args[1]) is { } right ? left.CompareTo(right)
        : args[0] is JsonValue && args[1] is JsonValue ? string.CompareOrdinal(ArmValues.ToText(args[0]), ArmValues.ToText(args[1]))
        : throw Bad(call);

    private static InvalidOperationException Bad(ArmExpr.Call call) => new($"Cannot evaluate {call}: argument of the wrong type.");
}
