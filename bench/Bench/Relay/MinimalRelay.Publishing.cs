using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace KadoaBridge.Bench.Relay;

/// <summary>Publish a batch, write the cursor, then acknowledge.</summary>
public sealed partial class MinimalRelay
{
    private const int MaxBatchEvents = 500;

    /// <summary>Event Grid's limit per publish request.</summary>
    private const int MaxRequestBytes = 1_048_576;

    private const int AckConcurrency = 4;

    /// <summary>The topic endpoint with the API version Event Grid requires on every publish.</summary>
    private readonly Uri _publishUri = new(settings.TopicEndpoint.AbsoluteUri + (settings.TopicEndpoint.Query.Length == 0 ? "?" : "&") + "api-version=2018-01-01");

    private async Task PublishAsync(CancellationToken cancellationToken)
    {
        var batch = new List<RelayFrame>(MaxBatchEvents);
        while (await _frames.Reader.WaitToReadAsync(cancellationToken))
        {
            batch.Clear();
            while (batch.Count < MaxBatchEvents && _frames.Reader.TryRead(out var frame))
            {
                batch.Add(frame);
            }

            // As many requests as the 1 MB limit needs (one, for small events).
            for (var start = 0; start < batch.Count;)
            {
                var end = start + 1;
                var bytes = 2 + batch[start].CloudEvent.Length;
                while (end < batch.Count && bytes + 1 + batch[end].CloudEvent.Length <= MaxRequestBytes)
                {
                    bytes += 1 + batch[end].CloudEvent.Length;
                    end++;
                }

                await PostAsync(batch.GetRange(start, end - start), bytes, cancellationToken);
                start = end;
            }

            if (batch.FindLast(f => f.Cursor is not null)?.Cursor is { } cursor)
            {
                await File.WriteAllTextAsync(settings.CursorFile, cursor, cancellationToken);
            }

            foreach (var frame in batch)
            {
                if (frame.DeliveryId is { } id)
                {
                    _acks.Writer.TryWrite(id);
                }
            }
        }

        _acks.Writer.TryComplete();
    }

    /// <summary>One CloudEvents batch; a failure is tried once more, then the relay stops.</summary>
    private async Task PostAsync(List<RelayFrame> events, int bytes, CancellationToken cancellationToken)
    {
        var body = new byte[bytes];
        body[0] = (byte)'[';
        var at = 1;
        foreach (var cloudEvent in events)
        {
            if (at > 1)
            {
                body[at++] = (byte)',';
            }

            cloudEvent.CloudEvent.CopyTo(body, at);
            at += cloudEvent.CloudEvent.Length;
        }

        body[at] = (byte)']';
        for (var attempt = 1; ; attempt++)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/cloudevents-batch+json") { CharSet = "utf-8" };
            using var request = new HttpRequestMessage(HttpMethod.Post, _publishUri) { Content = content };
            request.Headers.Add("aeg-sas-key", settings.TopicKey);
            try
            {
                using var response = await _http.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                if (attempt == 2)
                {
                    throw new HttpRequestException($"Publishing {events.Count} events answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
                }
            }
            catch (HttpRequestException) when (attempt == 1)
            {
                // Once more.
            }
        }
    }

    private Task AcknowledgeAsync(CancellationToken cancellationToken)
    {
        var ack = new Uri(settings.RealtimeHttpUrl.AbsoluteUri.TrimEnd('/') + "/api/v1/events/ack");
        var options = new ParallelOptions { MaxDegreeOfParallelism = AckConcurrency, CancellationToken = cancellationToken };
        return Parallel.ForEachAsync(_acks.Reader.ReadAllAsync(cancellationToken), options, async (id, token) =>
        {
            using var body = new StringContent("{\"id\":" + JsonSerializer.Serialize(id) + "}", Encoding.UTF8, "application/json");
            using var response = await _http.PostAsync(ack, body, token); // one try: an ack lost only makes Kadoa send the event again
        });
    }
}
