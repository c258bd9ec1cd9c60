using System.Text;
using Azure.Data.Tables;

namespace KadoaBridge.Core.Storage;

/// <summary>
/// Keeps frames the bridge could not forward, with the reason: table <c>Quarantine</c>, partition = UTC day, newest
/// first. Frames larger than a table property holds go to the payload container and the row points at them.
/// </summary>
public sealed class QuarantineStore(TableServiceClient tables, ClaimCheckStore blobs)
{
    /// <summary>Table string properties hold 64 KiB; UTF-16 makes that 32K characters.</summary>
    private const int MaxInlineChars = 30_000;

    private readonly TableClient _table = tables.GetTableClient(TableNames.Quarantine);

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) =>
        await _table.CreateIfNotExistsAsync(cancellationToken);

    public async Task WriteAsync(QuarantineRecord record, string? deliveryId, string? cursor, CancellationToken cancellationToken)
    {
        var rowKey = TableKeys.NewestFirst(record.ReceivedAt) + "-" + Guid.NewGuid().ToString("N");
        var entity = new TableEntity(record.ReceivedAt.UtcDateTime.ToString("yyyyMMdd"), rowKey)
        {
            ["Reason"] = Truncate(record.Reason, 4_000),
            ["FrameBytes"] = record.Frame.Length,
            ["ReceivedAt"] = record.ReceivedAt,
            // Both come from upstream: bounded, so an over-long one cannot make the row itself unstorable.
            ["DeliveryId"] = deliveryId is null ? null : Truncate(deliveryId, 1_000),
            ["Cursor"] = cursor is null ? null : Truncate(cursor, 1_000),
        };
        var text = Encoding.UTF8.GetString(record.Frame.Span);
        if (text.Length <= MaxInlineChars)
        {
            entity["Frame"] = text;
        }
        else
        {
            entity["Frame"] = text[..MaxInlineChars];
            entity["FrameBlob"] = (await blobs.UploadAsync($"quarantine/{rowKey}.txt", record.Frame, "text/plain", cancellationToken)).AbsoluteUri;
        }

        try
        {
            await _table.AddEntityAsync(entity, cancellationToken);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            await _table.CreateIfNotExistsAsync(cancellationToken); // the table went away: make it again
            await _table.AddEntityAsync(entity, cancellationToken);
        }
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
