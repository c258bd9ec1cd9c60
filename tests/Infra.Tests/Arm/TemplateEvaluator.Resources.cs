using System.Text.Json.Nodes;

namespace KadoaBridge.Infra.Tests.Arm;

internal sealed partial class TemplateEvaluator
{
    private const string DeploymentsType = "Microsoft.Resources/deployments";

    /// <summary>The id of a resource declared in <paramref name="context"/>; extension resources hang off their scope.</summary>
    private static string ResourceIdOf(DeploymentContext context, string type, string name, JsonNode? scope)
    {
        var scopeText = ArmValues.AsString(scope);
        if (!string.IsNullOrEmpty(scopeText))
        {
            return $"{scopeText}/providers/{type}/{name}";
        }

        if (string.Equals(type, "Microsoft.Resources/resourceGroups", StringComparison.OrdinalIgnoreCase))
        {
            return $"/subscriptions/{context.SubscriptionId}/resourceGroups/{name}";
        }

        return BuildId(context.SubscriptionId, context.ResourceGroup, type, name.Split('/'));
    }

    /// <summary>resourceId([subscriptionId], [resourceGroupName], type, name1, name2...): the type is the first argument with a '/'.</summary>
    private static string ResourceId(string? subscriptionId, string? resourceGroup, List<JsonNode?> args)
    {
        var texts = args.Select(ArmValues.ToText).ToList();
        var typeIndex = texts.FindIndex(t => t.Contains('/', StringComparison.Ordinal) && t.Contains('.', StringComparison.Ordinal));
        if (typeIndex < 0)
        {
            throw new InvalidOperationException($"resourceId without a resource type: {string.Join(", ", texts)}");
        }

        if (typeIndex == 2)
        {
            (subscriptionId, resourceGroup) = (texts[0], texts[1]);
        }
        else if (typeIndex == 1)
        {
            resourceGroup = texts[0];
        }

        return BuildId(subscriptionId, resourceGroup, texts[typeIndex], texts.Skip(typeIndex + 1).ToArray());
    }

    private static string ExtensionResourceId(List<JsonNode?> args)
    {
        var texts = args.Select(ArmValues.ToText).ToList();
        return $"{texts[0]}{BuildId(null, null, texts[1], texts.Skip(2).ToArray())}";
    }

    private static string BuildId(string? subscriptionId, string? resourceGroup, string type, string[] names)
    {
        var typeParts = type.Split('/');
        var builder = new System.Text.StringBuilder();
        if (subscriptionId is not null)
        {
            builder.Append("/subscriptions/").Append(subscriptionId);
        }

        if (resourceGroup is not null)
        {
            builder.Append("/resourceGroups/").Append(resourceGroup);
        }

        builder.Append("/providers/").Append(typeParts[0]);
        for (var i = 1; i < typeParts.Length; i++)
        {
            builder.Append('/').Append(typeParts[i]).Append('/').Append(i - 1 < names.Length ? names[i - 1] : "?");
        }

        return builder.ToString();
    }

    private static JsonObject Subscription(DeploymentContext context) => new()
    {
        ["id"] = $"/subscriptions/{context.SubscriptionId}",
        ["subscriptionId"] = context.SubscriptionId,
        ["tenantId"] = FakeTenantId,
        ["displayName"] = "test subscription",
    };

    private static JsonObject ResourceGroup(DeploymentContext context) => context.ResourceGroup is null
        ? throw new InvalidOperationException($"resourceGroup() in subscription-scope deployment '{context.Path}'.")
        : new JsonObject
        {
            ["id"] = $"/subscriptions/{context.SubscriptionId}/resourceGroups/{context.ResourceGroup}",
            ["name"] = context.ResourceGroup,
            ["location"] = Unknown.Of($"location of {context.ResourceGroup}"),
        };

    /// <summary>
    /// reference(): a nested deployment gives its evaluated outputs; any other resource is unknown,
    /// described by its id so tests can tell which resource a value comes from.
    /// </summary>
    private JsonNode? Reference(ArmExpr.Call call, DeploymentContext context, EvaluationLocals locals)
    {
        var target = ArmValues.ToText(EvaluateExpression(call.Arguments[0], context, locals));

        // Symbolic names (languageVersion 2.0): 'name' or 'name[index]' for a member of a loop.
        var symbol = target;
        var symbolLocals = EvaluationLocals.Empty;
        if (target.EndsWith(']') && target.IndexOf('[', StringComparison.Ordinal) is var open and > 0 &&
            long.TryParse(target[(open + 1)..^1], System.Globalization.CultureInfo.InvariantCulture, out var index))
        {
            symbol = target[..open];
            symbolLocals = symbolLocals.WithCopyIndex(EvaluationLocals.ResourceLoop, index);
        }

        foreach (var (key, symbolicName, raw) in context.RawResources)
        {
            var isDeployment = IsDeployment(raw);
            if (symbolicName is not null && string.Equals(symbolicName, symbol, StringComparison.Ordinal))
            {
                if (raw["copy"] is JsonObject loop && ArmValues.AsString(loop["name"]) is { } loopName &&
                    symbolLocals.CopyIndexes.TryGetValue(EvaluationLocals.ResourceLoop, out var i))
                {
                    symbolLocals = symbolLocals.WithCopyIndex(loopName, i);
                }

                return isDeployment && ArmValues.AsBool(raw["existing"]) != true
                    ? DeploymentOutputs(context, key, raw, symbolLocals)
                    : Unknown.Of($"reference({DeclaredId(context, raw, symbolLocals)})");
            }

            if (isDeployment && target.Contains($"/providers/{DeploymentsType}/", StringComparison.OrdinalIgnoreCase) &&
                target.EndsWith($"/{ArmValues.ToText(Evaluate(raw["name"], context, EvaluationLocals.Empty))}", StringComparison.Ordinal))
            {
                return DeploymentOutputs(context, key, raw, EvaluationLocals.Empty);
            }
        }

        return Unknown.Of($"reference({target})");
    }

    private JsonObject DeploymentOutputs(DeploymentContext context, string key, JsonObject raw, EvaluationLocals locals)
    {
        var expansion = ExpandNested(context, key, raw, locals);
        var outputs = new JsonObject();
        foreach (var (name, value) in expansion.Outputs)
        {
            outputs[name] = new JsonObject { ["value"] = ArmValues.Clone(value) };
        }

        return new JsonObject { ["outputs"] = outputs };
    }

    private string DeclaredId(DeploymentContext context, JsonObject raw, EvaluationLocals locals)
    {
        var type = ArmValues.ToText(raw["type"]);
        var name = ArmValues.ToText(Evaluate(raw["name"], context, locals));
        return ResourceIdOf(context, type, name, raw["scope"] is { } scope ? Evaluate(scope, context, locals) : null);
    }
}
