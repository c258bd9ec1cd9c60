using KadoaBridge.Azurite;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KadoaBridge.Functions.Tests.Ingest;

/// <summary>
/// The latest ingest failures are the latest by time, whatever their message ids. On an Azurite of its own: the list
/// covers every failure stored, and other tests record failures too.
/// </summary>
[Trait("Category", "Integration")]
public sealed class IngestFailureStoreTests
{
    [Fact]
    public async Task ListAsync_MessageIdsSortingOppositeToTime_ReturnsTheLatestNewestFirst()
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 8, 0, 0, TimeSpan.Zero));
        await using var host = new FunctionsTestHost(Settings(azurite.ConnectionString), services => services.AddSingleton<TimeProvider>(clock));
        await host.Services.GetRequiredService<StorageBootstrap>().EnsureCreatedAsync(CancellationToken.None);
        var failures = host.Services.GetRequiredService<IngestFailureStore>();

        // Message ids that sort ascending while their failures get older: the table's key order is the opposite of time.
        for (var i = 0; i < 30; i++)
        {
            await failures.RecordAsync($"m{29 - i:D2}", 1, poisoned: false, $"reason {i}", CancellationToken.None);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        // A message failing again later moves to the front, once.
        await failures.RecordAsync("m29", 2, poisoned: false, "again", CancellationToken.None);

        var latest = await failures.ListAsync(5, CancellationToken.None);

        Assert.Equal(["m29", "m00", "m01", "m02", "m03"], latest.Select(f => f.MessageId));
        Assert.Equal("again", latest[0].Reason);
        Assert.Equal(clock.GetUtcNow(), latest[0].At);
        Assert.True(latest.Zip(latest.Skip(1)).All(pair => pair.First.At >= pair.Second.At), "newest first");
    }

    private static Dictionary<string, string?> Settings(string storage) => new()
    {
        ["Kadoa:ApiKey"] = "unused-in-ingest",
        ["Storage:ConnectionString"] = storage,
        ["Routing:Destinations:changes:Endpoint"] = "http://127.0.0.1:9/topics/changes/api/events",
        ["Routing:Destinations:changes:Key"] = "changes-key",
        ["Routing:DefaultDestination"] = "changes",
    };
}
