using System.Text.Json.Nodes;
using KadoaBridge.Infra.Tests.Arm;

namespace KadoaBridge.Infra.Tests;

/// <summary>The template evaluator the infra tests rely on, checked on small hand-written templates.</summary>
public sealed class ArmEvaluatorTests
{
    [Fact]
    public void Parse_NestedCallsAndAccessors_BuildsTheTree()
    {
        var expression = ArmExpressionParser.Parse("format('{0}-{1}', parameters('a'), variables('b').c[0])");
        var call = Assert.IsType<ArmExpr.Call>(expression);
        Assert.Equal("format", call.Name);
        Assert.Equal(3, call.Arguments.Count);
        var index = Assert.IsType<ArmExpr.Index>(call.Arguments[2]);
        Assert.Equal("c", Assert.IsType<ArmExpr.Property>(index.Target).Name);
    }

    [Fact]
    public void Parse_DoubledQuote_IsOneQuote() =>
        Assert.Equal("it's", Assert.IsType<ArmExpr.StringLiteral>(ArmExpressionParser.Parse("'it''s'")).Value);

    [Fact]
    public void Parse_UnbalancedExpression_Throws() =>
        Assert.Throws<FormatException>(() => ArmExpressionParser.Parse("concat('a', 'b'"));

    [Fact]
    public void Evaluate_DoubleBracket_IsALiteral()
    {
        var outputs = Expand(Template(outputs: """{ "x": { "type": "string", "value": "[[not an expression]" } }"""));
        Assert.Equal("[not an expression]", outputs.Outputs["x"].Text());
    }

    [Fact]
    public void Evaluate_SecureParameter_TaintsEverythingDerivedFromIt()
    {
        var template = Template(
            parameters: """{ "secret": { "type": "securestring" }, "plain": { "type": "string", "defaultValue": "p" } }""",
            outputs: """
                {
                  "mixed": { "type": "string", "value": "[format('k={0}', parameters('secret'))]" },
                  "clean": { "type": "string", "value": "[toUpper(parameters('plain'))]" }
                }
                """);
        var expansion = Expand(template, ("secret", JsonValue.Create("s3cr3t")));
        Assert.True(Unknown.IsTainted(expansion.Outputs["mixed"]));
        Assert.DoesNotContain("s3cr3t", expansion.Outputs["mixed"].Text(), StringComparison.Ordinal);
        Assert.Equal("P", expansion.Outputs["clean"].Text());
    }

    [Fact]
    public void Evaluate_If_EvaluatesOnlyTheChosenBranch()
    {
        var expansion = Expand(Template(outputs: """{ "x": { "type": "string", "value": "[if(false(), variables('missing'), 'chosen')]" } }"""));
        Assert.Equal("chosen", expansion.Outputs["x"].Text());
    }

    [Fact]
    public void Evaluate_ToObjectWithLambdas_BuildsKeysFromTheArray()
    {
        var expansion = Expand(Template(outputs: """
            { "x": { "type": "object", "value": "[toObject(createArray('a', 'b'), lambda('i', format('K_{0}', lambdaVariables('i'))), lambda('i', toUpper(lambdaVariables('i'))))]" } }
            """));
        Assert.Equal("""{"K_a":"A","K_b":"B"}""", expansion.Outputs["x"]!.ToJsonString());
    }

    [Fact]
    public void Expand_LoopsAndConditions_CreateOneResourcePerIncludedIteration()
    {
        var template = Template(resources: """
            [
              { "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2025-01-01", "name": "[format('st{0}', copyIndex())]", "location": "here",
                "copy": { "name": "accounts", "count": 3 } },
              { "condition": "[equals(1, 2)]", "type": "Microsoft.EventGrid/topics", "apiVersion": "2025-02-15", "name": "never", "location": "here" }
            ]
            """);
        var expansion = Expand(template, resourceGroup: "rg");
        Assert.Equal(["st0", "st1", "st2"], expansion.AllResources.Select(r => r.Name));
        Assert.Equal("/subscriptions/00000000-0000-0000-0000-00000000beef/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1", expansion.AllResources.ElementAt(1).Id);
    }

    [Fact]
    public void Expand_NestedDeployment_PassesParametersInAndOutputsOut()
    {
        var module = Template(
            parameters: """{ "name": { "type": "string" } }""",
            resources: """[ { "type": "Microsoft.EventGrid/topics", "apiVersion": "2025-02-15", "name": "[parameters('name')]", "location": "here" } ]""",
            outputs: """{ "endpoint": { "type": "string", "value": "[reference(resourceId('Microsoft.EventGrid/topics', parameters('name')), '2025-02-15').endpoint]" } }""");
        var root = JsonNode.Parse($$"""
            {
              "languageVersion": "2.0",
              "resources": {
                "topics": {
                  "type": "Microsoft.Resources/deployments", "apiVersion": "2025-04-01", "name": "topics", "resourceGroup": "rg",
                  "properties": { "expressionEvaluationOptions": { "scope": "inner" }, "mode": "Incremental",
                                  "parameters": { "name": { "value": "evgt-a" } }, "template": {{module.ToJsonString()}} }
                }
              },
              "outputs": { "endpoint": { "type": "string", "value": "[reference('topics').outputs.endpoint.value]" } }
            }
            """)!.AsObject();
        var expansion = TemplateEvaluator.ExpandSubscriptionDeployment(root, new Dictionary<string, JsonNode?>());
        var topic = Assert.Single(expansion.AllResources, r => r.IsOfType("Microsoft.EventGrid/topics"));
        Assert.Equal("topics", topic.DeploymentPath);
        Assert.Equal(topic.RuntimeValue(".endpoint"), expansion.Outputs["endpoint"].Text());
    }

    private static DeploymentExpansion Expand(JsonObject template, params (string Name, JsonNode? Value)[] parameters) =>
        TemplateEvaluator.ExpandSubscriptionDeployment(template, parameters.ToDictionary(p => p.Name, p => p.Value));

    private static DeploymentExpansion Expand(JsonObject template, string resourceGroup)
    {
        var wrapper = JsonNode.Parse($$"""
            {
              "resources": [ { "type": "Microsoft.Resources/deployments", "apiVersion": "2025-04-01", "name": "inner", "resourceGroup": "{{resourceGroup}}",
                               "properties": { "expressionEvaluationOptions": { "scope": "inner" }, "template": {{template.ToJsonString()}} } } ]
            }
            """)!.AsObject();
        return Assert.Single(TemplateEvaluator.ExpandSubscriptionDeployment(wrapper, new Dictionary<string, JsonNode?>()).Children);
    }

    private static JsonObject Template(string parameters = "{}", string resources = "[]", string outputs = "{}") =>
        JsonNode.Parse($$"""{ "parameters": {{parameters}}, "variables": {}, "resources": {{resources}}, "outputs": {{outputs}} }""")!.AsObject();
}
