using KadoaBridge.Azurite;

namespace KadoaBridge.EventGridEmulator.Tests;

/// <summary>One Azurite (the real Storage emulator, from the pinned npm package) for the Storage queue delivery tests.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public AzuriteInstance Azurite { get; private set; } = null!;

    public async Task InitializeAsync() => Azurite = await AzuriteInstance.StartAsync();

    public async Task DisposeAsync() => await Azurite.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class AzuriteTests : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
