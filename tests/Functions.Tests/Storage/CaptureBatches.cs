using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;

namespace KadoaBridge.Functions.Tests.Storage;

/// <summary>One entity-group transaction as sent: its operations' tables, partitions and rows, and its size.</summary>
public sealed record SentBatch(int Operations, IReadOnlySet<string> Partitions, IReadOnlyList<string> Rows, long Bytes, IReadOnlySet<string> Tables);

/// <summary>
/// Reads every <c>$batch</c> request body a Table client sends (one request line per operation names its table and
/// keys), so tests can hold Azurite's transactions to Azure's limits, which Azurite does not enforce.
/// </summary>
internal sealed partial class CaptureBatches(ConcurrentBag<SentBatch> sent) : HttpPipelinePolicy
{
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Capture(message);
        ProcessNext(message, pipeline);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Capture(message);
        await ProcessNextAsync(message, pipeline);
    }

    private void Capture(HttpMessage message)
    {
        if (!message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) || message.Request.Content is not { } content)
        {
            return;
        }

        using var buffer = new MemoryStream();
        content.WriteTo(buffer, CancellationToken.None);
        var body = Encoding.UTF8.GetString(buffer.ToArray());
        var operations = OperationLine().Matches(body)
            .Select(m => (Table: m.Groups["t"].Value, Partition: Uri.UnescapeDataString(m.Groups["p"].Value), Row: Uri.UnescapeDataString(m.Groups["r"].Value)))
            .ToList();
        sent.Add(new SentBatch(operations.Count, operations.Select(o => o.Partition).ToHashSet(), [.. operations.Select(o => o.Row)], buffer.Length, operations.Select(o => o.Table).ToHashSet()));
    }

    [GeneratedRegex(@"^(?:POST|PUT|PATCH|MERGE|DELETE) \S*?/(?<t>[^/(\s]+)\(PartitionKey='(?<p>[^']*)',RowKey='(?<r>[^']*)'\)", RegexOptions.Multiline)]
    private static partial Regex OperationLine();
}
