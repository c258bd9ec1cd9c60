using KadoaBridge.Azurite;

namespace KadoaBridge.Testing;

/// <summary>One Azurite for a whole test assembly (the real storage emulator); tests isolate themselves by unique names.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteInstance? _azurite;

    public string ConnectionString => _azurite!.ConnectionString;

    public async Task InitializeAsync() => _azurite = await AzuriteInstance.StartAsync();

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "azurite";
}
