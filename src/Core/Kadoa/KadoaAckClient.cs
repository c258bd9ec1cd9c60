using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Kadoa;

/// <summary>Acknowledges a delivery: <c>POST {RealtimeHttpUrl}/api/v1/events/ack</c> <c>{"id": …}</c>.</summary>
public sealed class KadoaAckClient(HttpClient http, IOptions<KadoaOptions> options)
{
    public async Task AcknowledgeAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, KadoaHttp.Combine(settings.RealtimeHttpUrl, "api/v1/events/ack"))
        {
            Content = JsonContent.Create(new AckRequest(deliveryId), KadoaJsonContext.Default.AckRequest),
        };
        request.Headers.Add(KadoaHttp.ApiKeyHeader, settings.ApiKey);
        using var response = await http.SendAsync(request, cancellationToken);
        await KadoaHttp.EnsureSuccessAsync(response, "an acknowledgement", cancellationToken);
    }

    internal sealed record AckRequest(string Id);
}
