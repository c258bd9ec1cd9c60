namespace KadoaBridge.Infra.Tests;

/// <summary>All template tests share one compiled template (<see cref="BicepTemplateFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class BicepTemplateDefinition : ICollectionFixture<BicepTemplateFixture>
{
    public const string Name = "compiled template";
}
