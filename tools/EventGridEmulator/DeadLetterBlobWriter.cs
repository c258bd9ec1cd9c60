using System.Globalization;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace KadoaBridge.EventGridEmulator;

/// <summary>
/// Writes dead-lettered events as Event Grid does (https://learn.microsoft.com/azure/event-grid/manage-event-delivery
/// and https://learn.microsoft.com/azure/event-grid/delivery-and-retry#delivery-event-formats): a blob named
/// <c>{TOPIC}/{SUBSCRIPTION}/{yyyy}/{M}/{d}/{H}/{guid}.json</c> (names upper-cased, date and hour in UTC and not
/// zero-padded) holding a JSON array of events; with the CloudEvents 1.0 schema each event keeps its attributes and gains
/// <c>deadletterreason</c>, <c>deliveryattempts</c>, <c>lastdeliveryoutcome</c>, <c>lasthttpstatuscode</c> (when there
/// was an answer), <c>publishtime</c> and <c>lastdeliveryattempttime</c>. Event Grid may put several events in one blob
/// after a delay of up to five minutes; the emulator writes one event per blob at once.
/// </summary>
internal sealed class DeadLetterBlobWriter : IDisposable
{
    private readonly BlobContainerClient _container;
    private readonly SemaphoreSlim _createGate = new(1, 1);
    private volatile bool _created;

    public DeadLetterBlobWriter(DeadLetterBlobDestination destination)
    {
        var options = new BlobClientOptions();
        options.Retry.MaxRetries = 2;
        _container = new BlobContainerClient(destination.ConnectionString, destination.ContainerName, options);
    }

    public string ContainerName => _container.Name;

    /// <summary>The blob name Event Grid gives a dead letter of <paramref name="subscription"/> on <paramref name="topic"/> at <paramref name="at"/>.</summary>
    public static string BlobName(string topic, string subscription, DateTimeOffset at, Guid id)
    {
        var utc = at.UtcDateTime;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{topic.ToUpperInvariant()}/{subscription.ToUpperInvariant()}/{utc.Year}/{utc.Month}/{utc.Day}/{utc.Hour}/{id:D}.json");
    }

    /// <summary>The blob's content: a JSON array holding the event with the dead-letter attributes appended.</summary>
    public static byte[] Serialize(DeadLetteredEvent deadLettered)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStartObject();
            foreach (var property in deadLettered.Event.CloudEvent.EnumerateObject())
            {
                property.WriteTo(writer);
            }

            writer.WriteString("deadletterreason", deadLettered.ReasonCode);
            writer.WriteNumber("deliveryattempts", deadLettered.Attempts);
            writer.WriteString("lastdeliveryoutcome", deadLettered.LastDeliveryOutcome);
            if (deadLettered.LastStatusCode is { } status)
            {
                writer.WriteNumber("lasthttpstatuscode", status);
            }

            writer.WriteString("publishtime", deadLettered.Event.AcceptedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteString("lastdeliveryattempttime", deadLettered.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        return buffer.ToArray();
    }

    /// <summary>Writes the dead letter; returns the blob's name. Storage failures throw.</summary>
    public async Task<string> WriteAsync(string topic, string subscription, DeadLetteredEvent deadLettered, CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await EnsureCreatedAsync(cancellationToken);
        }

        var name = BlobName(topic, subscription, deadLettered.At, Guid.NewGuid());
        var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } };
        await _container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(Serialize(deadLettered)), options, cancellationToken);
        return name;
    }

    public void Dispose() => _createGate.Dispose();

    private async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await _createGate.WaitAsync(cancellationToken);
        try
        {
            if (!_created)
            {
                await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                _created = true;
            }
        }
        finally
        {
            _createGate.Release();
        }
    }
}
