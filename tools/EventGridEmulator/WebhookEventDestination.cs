using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;

namespace KadoaBridge.EventGridEmulator;

/// <summary>
/// Event Grid's webhook handler for the CloudEvents schema: the CloudEvents abuse-protection handshake once
/// (https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/http-webhook.md#4-abuse-protection), then one
/// event per POST in structured mode.
/// </summary>
internal sealed class WebhookEventDestination(HttpClient client, Uri endpoint, string subscriptionName) : IEventDestination, IDisposable
{
    /// <summary>The origin Event Grid announces in the handshake and in every delivery.</summary>
    public const string RequestOrigin = "eventgrid.azure.net";

    private static readonly MediaTypeHeaderValue CloudEventContentType = new("application/cloudevents+json") { CharSet = "utf-8" };

    private readonly SemaphoreSlim _handshakeGate = new(1, 1);
    private readonly string _subscriptionHeader = subscriptionName.ToUpperInvariant();
    private volatile bool _allowed;

    public async Task<DeliveryResult> DeliverAsync(AcceptedEvent cloudEvent, int attempt, CancellationToken cancellationToken)
    {
        if (!_allowed && await HandshakeAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        request.Content = new ByteArrayContent(JsonMarshal.GetRawUtf8Value(cloudEvent.CloudEvent).ToArray());
        request.Content.Headers.ContentType = CloudEventContentType;
        request.Headers.TryAddWithoutValidation("Origin", RequestOrigin);
        request.Headers.TryAddWithoutValidation("aeg-subscription-name", _subscriptionHeader);
        request.Headers.TryAddWithoutValidation("aeg-delivery-count", (attempt - 1).ToString(CultureInfo.InvariantCulture));
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? DeliveryResult.Success(status)
                : DeliveryResult.Failure(status, $"The webhook answered {status.ToString(CultureInfo.InvariantCulture)} {response.ReasonPhrase}.");
        }
        catch (HttpRequestException exception)
        {
            return DeliveryResult.Failure(null, $"The webhook could not be reached: {exception.Message}", exception);
        }
    }

    public void Dispose() => _handshakeGate.Dispose();

    private async Task<DeliveryResult?> HandshakeAsync(CancellationToken cancellationToken)
    {
        await _handshakeGate.WaitAsync(cancellationToken);
        try
        {
            if (_allowed)
            {
                return null;
            }

            using var request = new HttpRequestMessage(HttpMethod.Options, endpoint);
            request.Headers.TryAddWithoutValidation("WebHook-Request-Origin", RequestOrigin);
            using var response = await client.SendAsync(request, cancellationToken);
            var allowedOrigin = response.Headers.TryGetValues("WebHook-Allowed-Origin", out var values) ? string.Join(',', values).Trim() : null;
            if (response.StatusCode == HttpStatusCode.OK
                && (allowedOrigin == "*" || string.Equals(allowedOrigin, RequestOrigin, StringComparison.OrdinalIgnoreCase)))
            {
                _allowed = true;
                return null;
            }

            var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            var answered = allowedOrigin is null ? "without WebHook-Allowed-Origin" : $"with WebHook-Allowed-Origin '{allowedOrigin}'";
            return DeliveryResult.Failure(null, $"Webhook validation handshake failed: OPTIONS answered {status} {answered}; expected 200 with WebHook-Allowed-Origin: {RequestOrigin}.");
        }
        catch (HttpRequestException exception)
        {
            return DeliveryResult.Failure(null, $"Webhook validation handshake failed: {exception.Message}", exception);
        }
        finally
        {
            _handshakeGate.Release();
        }
    }
}
