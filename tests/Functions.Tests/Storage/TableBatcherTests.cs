using System.Collections.Concurrent;
using Azure.Core;
using Azure.Data.Tables;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Functions.Tests.Storage;

/// <summary>
/// The batcher against Azurite, which accepts batches Azure refuses: every transaction it sends is captured and held
/// to Azure's limits (at most 100 operations, one partition, 4 MiB), and groups are all or none.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class TableBatcherTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Submit_ManyConcurrentWritesToOnePartition_SharedTransactionsOfAtMost100()
    {
        var (batcher, sent, table) = await CreateAsync();

        await Task.WhenAll(Enumerable.Range(0, 250).Select(i =>
            batcher.SubmitAsync(table.Name, Upsert("p", $"r{i:D3}"), 300, CancellationToken.None)));

        Assert.Equal(250, await CountAsync(table, "p"));
        Assert.Contains(sent, s => s.Operations > 1);
        Assert.All(sent, s => Assert.InRange(s.Operations, 1, TableBatcher.MaxOperations));
    }

    [Fact]
    public async Task Submit_WritesToManyPartitions_EachTransactionHoldsOnePartition()
    {
        var (batcher, sent, table) = await CreateAsync();

        await Task.WhenAll(Enumerable.Range(0, 120).Select(i =>
            batcher.SubmitAsync(table.Name, Upsert($"p{i % 4}", $"r{i:D3}"), 300, CancellationToken.None)));

        Assert.Equal(120, await CountAsync(table));
        Assert.Contains(sent, s => s.Operations > 1);
        Assert.All(sent, s => Assert.Single(s.Partitions));
    }

    [Fact]
    public async Task Submit_LargeEntities_NoTransactionOver4MiB()
    {
        var (batcher, sent, table) = await CreateAsync();
        var chunk = new byte[60 * 1024];
        Random.Shared.NextBytes(chunk);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
        {
            var entity = new TableEntity("big", $"r{i}");
            for (var p = 0; p < 11; p++)
            {
                entity[$"Chunk{p}"] = chunk; // 11 × 60 KiB = 660 KiB, about 900 KB as base64 JSON: under Azure's 1 MiB per entity
            }

            return batcher.SubmitAsync(table.Name, new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity), 910_000, CancellationToken.None);
        }));

        Assert.Equal(8, await CountAsync(table, "big"));
        Assert.Contains(sent, s => s.Operations > 1);
        Assert.All(sent, s => Assert.True(s.Bytes <= 4 * 1024 * 1024, $"A transaction of {s.Bytes} bytes was sent."));
    }

    [Fact]
    public async Task Submit_GroupWithAFailingOperation_NoneOfItStoredWhileOthersAre()
    {
        var (batcher, _, table) = await CreateAsync();
        await table.AddEntityAsync(new TableEntity("g", "taken"));

        var others = Enumerable.Range(0, 20).Select(i => batcher.SubmitAsync(table.Name, Upsert("g", $"other{i:D2}"), 300, CancellationToken.None)).ToList();
        var group = batcher.SubmitAsync(
            table.Name,
            [Upsert("g", "companion"), new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("g", "taken"))],
            600,
            CancellationToken.None);

        var failure = await Assert.ThrowsAnyAsync<Azure.RequestFailedException>(() => group);
        await Task.WhenAll(others);
        Assert.Equal(409, failure.Status);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("g", "companion")).HasValue);
        Assert.Equal(21, await CountAsync(table, "g")); // "taken" and the 20 others
    }

    [Fact]
    public async Task Submit_SameRowTwiceAtOnce_NeverInOneTransactionAndBothApplied()
    {
        var (batcher, sent, table) = await CreateAsync();

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
        {
            var entity = new TableEntity("same", i == 9 ? "row" : $"r{i}") { ["Value"] = i };
            return batcher.SubmitAsync(table.Name, new TableTransactionAction(TableTransactionActionType.UpsertMerge, entity), 300, CancellationToken.None);
        }).Append(batcher.SubmitAsync(table.Name, new TableTransactionAction(TableTransactionActionType.UpsertMerge, new TableEntity("same", "row") { ["Other"] = "x" }), 300, CancellationToken.None)));

        var row = (await table.GetEntityAsync<TableEntity>("same", "row")).Value;
        Assert.Equal(9, row.GetInt32("Value"));
        Assert.Equal("x", row.GetString("Other"));
        Assert.All(sent, s => Assert.Equal(s.Rows.Count, s.Rows.Distinct().Count()));
    }

    [Fact]
    public async Task Submit_GroupsAzureWouldRefuse_RejectedBeforeSending()
    {
        var (batcher, sent, table) = await CreateAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => batcher.SubmitAsync(table.Name, [Upsert("a", "1"), Upsert("b", "1")], 600, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => batcher.SubmitAsync(table.Name, [Upsert("a", "1"), Upsert("a", "1")], 600, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => batcher.SubmitAsync(table.Name, [.. Enumerable.Range(0, 101).Select(i => Upsert("a", $"{i}"))], 600, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => batcher.SubmitAsync(table.Name, Array.Empty<TableTransactionAction>(), 600, CancellationToken.None));
        Assert.Empty(sent);
    }

    private static TableTransactionAction Upsert(string partition, string row) =>
        new(TableTransactionActionType.UpsertReplace, new TableEntity(partition, row) { ["Value"] = row });

    private static async Task<int> CountAsync(TableClient table, string? partition = null)
    {
        var filter = partition is null ? null : TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(filter, select: ["RowKey"]))
        {
            count++;
        }

        return count;
    }

    private async Task<(TableBatcher Batcher, ConcurrentBag<SentBatch> Sent, TableClient Table)> CreateAsync()
    {
        var sent = new ConcurrentBag<SentBatch>();
        var options = new TableClientOptions();
        options.AddPolicy(new CaptureBatches(sent), HttpPipelinePosition.PerCall);
        var service = new TableServiceClient(azurite.ConnectionString, options);
        var table = service.GetTableClient("batcher" + Guid.NewGuid().ToString("N")[..12]);
        await table.CreateAsync();
        return (new TableBatcher(service), sent, table);
    }
}
