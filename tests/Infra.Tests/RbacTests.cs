using System.Text.Json.Nodes;
using KadoaBridge.Infra.Tests.Arm;

namespace KadoaBridge.Infra.Tests;

/// <summary>Least privilege: each principal gets exactly the data roles it uses, on the narrowest scope.</summary>
[Collection(BicepTemplateDefinition.Name)]
[Trait("Category", "Integration")]
public sealed class RbacTests(BicepTemplateFixture fixture)
{
    /// <summary>Built-in roles the bridge may assign (id -> name), from the Azure built-in roles reference.</summary>
    private static readonly Dictionary<string, string> AllowedRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["d5a91429-5739-47e2-a06b-3470a27159e7"] = "EventGrid Data Sender",
        ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = "Storage Table Data Contributor",
        ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = "Storage Blob Data Owner",
        ["ba92f5b4-2d11-453d-a403-e96b0029c9fe"] = "Storage Blob Data Contributor",
        ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = "Storage Queue Data Contributor",
        ["c6a89b2d-59bc-44d0-9896-0f6e12d7b80a"] = "Storage Queue Data Message Sender",
        ["4633458b-17de-408a-b874-0445c86b69e6"] = "Key Vault Secrets User",
        ["7f951dda-4ed3-4680-a7ca-43fe172d538d"] = "AcrPull",
        ["3913510d-42f4-4e42-8a64-420c390055eb"] = "Monitoring Metrics Publisher",
    };

    [Fact]
    public void RoleAssignments_Roles_AreOnTheAllowedList() =>
        Assert.All(Assignments(fixture.Deployment), a => Assert.True(
            AllowedRoles.ContainsKey(RoleId(a)), $"{a} assigns role {RoleId(a)}, which is not on the allowed list"));

    [Fact]
    public void RoleAssignments_Compiled_GrantEachPrincipalWhatItUses()
    {
        string[] expected =
        [
            "listener identity -> EventGrid Data Sender -> ingress topic",
            "listener identity -> Storage Table Data Contributor -> storage account",
            "listener identity -> Storage Blob Data Contributor -> container payloads",
            "listener identity -> Key Vault Secrets User -> secret kadoa-api-key",
            "listener identity -> AcrPull -> container registry",
            "listener identity -> Monitoring Metrics Publisher -> application insights",
            "functions identity -> Storage Blob Data Owner -> storage account",
            "functions identity -> Storage Queue Data Contributor -> storage account",
            "functions identity -> Storage Table Data Contributor -> storage account",
            "functions identity -> EventGrid Data Sender -> topic changes",
            "functions identity -> Key Vault Secrets User -> secret kadoa-api-key",
            "functions identity -> Monitoring Metrics Publisher -> application insights",
            "ingress topic identity -> Storage Queue Data Message Sender -> queue ingress",
            "ingress topic identity -> Storage Blob Data Contributor -> container deadletters",
            "deploying user -> Storage Table Data Contributor -> storage account",
            "deploying user -> Storage Blob Data Contributor -> storage account",
            "deploying user -> Storage Queue Data Contributor -> storage account",
            "deploying user -> EventGrid Data Sender -> ingress topic",
            "deploying user -> EventGrid Data Sender -> topic changes",
            "deploying user -> Key Vault Secrets User -> secret kadoa-api-key",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), Describe(fixture.Deployment).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void RoleAssignments_TwoDestinations_FunctionsSendToBoth()
    {
        var deployment = fixture.Expand(p => p["destinationTopics"] = new JsonArray("changes", "pricing"));
        var functionsSends = Describe(deployment).Where(d => d.StartsWith("functions identity -> EventGrid Data Sender", StringComparison.Ordinal));
        Assert.Equal(
            ["functions identity -> EventGrid Data Sender -> topic changes", "functions identity -> EventGrid Data Sender -> topic pricing"],
            functionsSends.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void RoleAssignments_WithoutADeployingUser_GrantNothingToAUser()
    {
        var deployment = fixture.Expand(p => p["principalId"] = JsonValue.Create(string.Empty));
        Assert.DoesNotContain(Describe(deployment), d => d.StartsWith("deploying user", StringComparison.Ordinal));
        Assert.Equal(14, Assignments(deployment).Count);
    }

    [Fact]
    public void RoleAssignments_LiveInRbacModule_WithStableUniqueGuidNames()
    {
        var assignments = Assignments(fixture.Deployment);
        Assert.All(assignments, a => Assert.Equal("rbac", a.DeploymentPath));
        Assert.All(assignments, a => Assert.True(Guid.TryParse(a.Name, out _), $"{a} is not named by guid()"));
        Assert.Equal(assignments.Count, assignments.Select(a => a.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void RoleAssignments_PrincipalType_MatchesThePrincipal()
    {
        foreach (var assignment in Assignments(fixture.Deployment))
        {
            var expected = Principal(fixture.Deployment, assignment) == "deploying user" ? "User" : "ServicePrincipal";
            Assert.Equal(expected, assignment["properties.principalType"].Text());
        }
    }

    private static IReadOnlyList<DeployedResource> Assignments(DeploymentExpansion deployment) =>
        deployment.OfType("Microsoft.Authorization/roleAssignments");

    private static string RoleId(DeployedResource assignment) =>
        assignment["properties.roleDefinitionId"].Text().Split('/')[^1];

    private static IEnumerable<string> Describe(DeploymentExpansion deployment) =>
        Assignments(deployment).Select(a =>
            $"{Principal(deployment, a)} -> {AllowedRoles.GetValueOrDefault(RoleId(a), RoleId(a))} -> {Scope(deployment, a)}");

    private static string Principal(DeploymentExpansion deployment, DeployedResource assignment)
    {
        var principal = assignment["properties.principalId"].Text();
        return principal switch
        {
            BicepTemplateFixture.UserPrincipalId => "deploying user",
            _ when principal == deployment.Identity("listener").RuntimeValue(".principalId") => "listener identity",
            _ when principal == deployment.Identity("functions").RuntimeValue(".principalId") => "functions identity",
            _ when principal == deployment.IngressTopic().RuntimeValue(".identity.principalId") => "ingress topic identity",
            _ => $"unexpected principal {principal}",
        };
    }

    private static string Scope(DeploymentExpansion deployment, DeployedResource assignment)
    {
        var scope = assignment["scope"].Text();
        var target = deployment.AllResources.FirstOrDefault(r => r.Id == scope && !r.IsOfType("Microsoft.Resources/deployments"));
        var leaf = target?.Name.Split('/')[^1];
        return target?.Type switch
        {
            "Microsoft.Storage/storageAccounts" => "storage account",
            "Microsoft.Storage/storageAccounts/blobServices/containers" => $"container {leaf}",
            "Microsoft.Storage/storageAccounts/queueServices/queues" => $"queue {leaf}",
            "Microsoft.EventGrid/topics" when target.Id == deployment.IngressTopic().Id => "ingress topic",
            "Microsoft.EventGrid/topics" => $"topic {leaf!.Split('-')[1]}",
            "Microsoft.KeyVault/vaults/secrets" => $"secret {leaf}",
            "Microsoft.ContainerRegistry/registries" => "container registry",
            "Microsoft.Insights/components" => "application insights",
            _ => $"unexpected scope {scope}",
        };
    }
}
