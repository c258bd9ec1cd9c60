using Azure.Data.Tables;
using Azure.Storage.Blobs;
using KadoaBridge.Core.ControlPlane;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Functions.Tests.Recovery;

/// <summary><see cref="StrandedItems"/> counts exactly under its limit and stops at it, saying so. Each test has its own Azurite.</summary>
[Trait("Category", "Integration")]
public class StrandedItemsTests
{
    [Fact]
    public async Task CountAsync_UnderTheLimit_ExactCountsOfEveryKind()
    {
        await using var harness = await RecoveryHarness.StartAsync();
        await FillAsync(harness);

        var counts = await harness.Service<StrandedItems>().CountAsync(CancellationToken.None);

        Assert.Equal(new StrandedCount(3, false), counts.Poison);
        Assert.Equal(new StrandedCount(6, false), counts.DeadLetters); // 3 blobs of 2 events
        Assert.Equal(new StrandedCount(3, false), counts.DeadLetterBlobs);
        Assert.Equal(new StrandedCount(3, false), counts.Quarantine);
    }

    [Fact]
    public async Task CountAsync_OverTheLimit_StopsAtItAndSaysCapped()
    {
        await using var harness = await RecoveryHarness.StartAsync();
        await FillAsync(harness);
        var limited = new StrandedItems(harness.Service<BlobServiceClient>(), harness.Service<TableServiceClient>()) { Limit = 2, DeadLetterBlobsRead = 1 };

        var counts = await limited.CountAsync(CancellationToken.None);

        Assert.Equal(new StrandedCount(2, true), counts.Poison);
        Assert.Equal(new StrandedCount(2, true), counts.DeadLetters);
        Assert.Equal(new StrandedCount(2, true), counts.DeadLetterBlobs);
        Assert.Equal(new StrandedCount(2, true), counts.Quarantine);
    }

    [Fact]
    public async Task CountAsync_MoreDeadLetterBlobsThanRead_ALowerBoundMarkedCapped()
    {
        await using var harness = await RecoveryHarness.StartAsync();
        await FillAsync(harness);
        var partial = new StrandedItems(harness.Service<BlobServiceClient>(), harness.Service<TableServiceClient>()) { DeadLetterBlobsRead = 1 };

        var counts = await partial.CountAsync(CancellationToken.None);

        Assert.Equal(new StrandedCount(4, true), counts.DeadLetters); // 2 events read, the 2 blobs not read count 1 each
        Assert.Equal(new StrandedCount(3, false), counts.DeadLetterBlobs);
    }

    /// <summary>3 poison copies, 3 dead-letter blobs of 2 events each, 3 quarantined frames.</summary>
    private static async Task FillAsync(RecoveryHarness harness)
    {
        for (var i = 0; i < 3; i++)
        {
            await harness.PoisonCopies.UploadBlobAsync($"copy-{i}.json", BinaryData.FromString("{}"));
            await harness.DeadLetters.UploadBlobAsync($"INGRESS/SUB/2025/3/1/9/{i}.json", BinaryData.FromString($$"""[{"id":"a{{i}}"},{"id":"b{{i}}"}]"""));
            await harness.Service<QuarantineStore>().WriteAsync(new QuarantineRecord("test: unreadable", "garbage"u8.ToArray(), DateTimeOffset.UtcNow), null, null, CancellationToken.None);
        }
    }
}
