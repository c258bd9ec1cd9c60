using System.Text.Json.Nodes;

namespace KadoaBridge.Infra.Tests.Arm;

/// <summary>
/// Expands a compiled ARM template (Bicep output) the way Resource Manager would, as far as that is
/// possible before deployment: parameters, variables, loops, conditions and nested deployments are
/// evaluated; values only Azure knows (resource properties, principal ids) become
/// <see cref="Unknown"/> markers; secure parameters and list*() results become secret markers.
/// Supports the functions Bicep emits for this repository's templates; anything else is unknown.
/// </summary>
internal sealed partial class TemplateEvaluator
{
    public const string FakeSubscriptionId = "00000000-0000-0000-0000-00000000beef";
    public const string FakeTenantId = "00000000-0000-0000-0000-00000000cafe";

    /// <summary>Expands <paramref name="template"/> deployed at subscription scope with the given parameter values.</summary>
    public static DeploymentExpansion ExpandSubscriptionDeployment(JsonObject template, IReadOnlyDictionary<string, JsonNode?> parameters)
    {
        var context = new DeploymentContext(string.Empty, template, parameters, FakeSubscriptionId, resourceGroup: null);
        return new TemplateEvaluator().Expand(context);
    }

    private DeploymentExpansion Expand(DeploymentContext context)
    {
        var expansion = new DeploymentExpansion(context);
        foreach (var (key, symbolicName, raw) in context.RawResources)
        {
            if (ArmValues.AsBool(raw["existing"]) == true)
            {
                continue;
            }

            foreach (var locals in LoopIterations(context, raw))
            {
                if (raw["condition"] is { } condition && ArmValues.AsBool(Evaluate(condition, context, locals)) == false)
                {
                    continue;
                }

                var resource = EvaluateResource(context, symbolicName, raw, locals);
                expansion.Resources.Add(resource);
                if (resource.IsOfType("Microsoft.Resources/deployments"))
                {
                    expansion.Children.Add(ExpandNested(context, key, raw, locals));
                }
            }
        }

        if (context.Template["outputs"] is JsonObject outputs)
        {
            foreach (var (name, output) in outputs)
            {
                expansion.Outputs[name] = EvaluateOutput(output!.AsObject(), context);
            }
        }

        return expansion;
    }

    /// <summary>One set of locals per loop iteration; a loop of unknown length is evaluated once.</summary>
    private IEnumerable<EvaluationLocals> LoopIterations(DeploymentContext context, JsonObject raw)
    {
        if (raw["copy"] is not JsonObject loop)
        {
            yield return EvaluationLocals.Empty;
            yield break;
        }

        var count = ArmValues.AsLong(Evaluate(loop["count"], context, EvaluationLocals.Empty)) ?? 1;
        var loopName = (string?)loop["name"] ?? EvaluationLocals.ResourceLoop;
        for (var i = 0L; i < count; i++)
        {
            yield return EvaluationLocals.Empty.WithCopyIndex(EvaluationLocals.ResourceLoop, i).WithCopyIndex(loopName, i);
        }
    }

    private DeployedResource EvaluateResource(DeploymentContext context, string? symbolicName, JsonObject raw, EvaluationLocals locals)
    {
        var body = new JsonObject();
        foreach (var (key, value) in raw)
        {
            if (key is "copy" or "condition" or "dependsOn" or "existing" or "comments")
            {
                continue;
            }

            if (key == "properties" && value is JsonObject properties && IsDeployment(raw))
            {
                // A nested deployment's template is evaluated in its own context (ExpandNested).
                var withoutTemplate = new JsonObject();
                foreach (var (propertyKey, propertyValue) in properties)
                {
                    if (propertyKey != "template")
                    {
                        withoutTemplate[propertyKey] = Evaluate(propertyValue, context, locals);
                    }
                }

                body[key] = withoutTemplate;
                continue;
            }

            body[key] = Evaluate(value, context, locals);
        }

        var type = ArmValues.ToText(body["type"]);
        var name = ArmValues.ToText(body["name"]);
        return new DeployedResource(context.Path, symbolicName, type, name, ResourceIdOf(context, type, name, body["scope"]), body);
    }

    private static bool IsDeployment(JsonObject raw) =>
        string.Equals(ArmValues.AsString(raw["type"]), "Microsoft.Resources/deployments", StringComparison.OrdinalIgnoreCase);

    private DeploymentExpansion ExpandNested(DeploymentContext parent, string key, JsonObject raw, EvaluationLocals locals)
    {
        var cacheKey = $"{key}[{(locals.CopyIndexes.TryGetValue(EvaluationLocals.ResourceLoop, out var i) ? i : 0)}]";
        if (parent.NestedExpansions.TryGetValue(cacheKey, out var done))
        {
            return done;
        }

        var properties = raw["properties"]!.AsObject();
        var scope = ArmValues.AsString(properties["expressionEvaluationOptions"]?["scope"]);
        if (!string.Equals(scope, "inner", StringComparison.OrdinalIgnoreCase))
        {
            throw new NotSupportedException($"Nested deployment {key} must use inner expression scope (Bicep modules do).");
        }

        var name = ArmValues.ToText(Evaluate(raw["name"], parent, locals));
        var parameters = new Dictionary<string, JsonNode?>(StringComparer.OrdinalIgnoreCase);
        if (Evaluate(properties["parameters"], parent, locals) is JsonObject supplied)
        {
            foreach (var (parameterName, parameterValue) in supplied)
            {
                parameters[parameterName] = parameterValue is JsonObject wrapper && wrapper.ContainsKey("value")
                    ? ArmValues.Clone(wrapper["value"])
                    : Unknown.Of($"parameter {parameterName} from a reference");
            }
        }

        var resourceGroup = raw["resourceGroup"] is { } rg ? ArmValues.ToText(Evaluate(rg, parent, locals)) : parent.ResourceGroup;
        var subscription = raw["subscriptionId"] is { } sub ? ArmValues.ToText(Evaluate(sub, parent, locals)) : parent.SubscriptionId;
        var path = parent.Path.Length == 0 ? name : $"{parent.Path}/{name}";
        var child = new DeploymentContext(path, properties["template"]!.AsObject(), parameters, subscription, resourceGroup);
        var expansion = Expand(child);
        parent.NestedExpansions[cacheKey] = expansion;
        return expansion;
    }

    private JsonNode? EvaluateOutput(JsonObject output, DeploymentContext context)
    {
        if (output["copy"] is JsonObject loop)
        {
            var count = ArmValues.AsLong(Evaluate(loop["count"], context, EvaluationLocals.Empty)) ?? 1;
            var items = new JsonArray();
            for (var i = 0L; i < count; i++)
            {
                items.Add(Evaluate(loop["input"], context, EvaluationLocals.Empty.WithCopyIndex(EvaluationLocals.ResourceLoop, i)));
            }

            return items;
        }

        var value = Evaluate(output["value"], context, EvaluationLocals.Empty);
        var type = ArmValues.AsString(output["type"]) ?? string.Empty;
        return type.StartsWith("secure", StringComparison.OrdinalIgnoreCase) ? Unknown.Secret("secure output") : value;
    }
}
