namespace KadoaBridge.EventGridEmulator;

/// <summary>
/// Delivers by HTTP POST, one event per request (<c>application/cloudevents+json; charset=utf-8</c>), after the
/// CloudEvents abuse-protection handshake (an OPTIONS request with <c>WebHook-Request-Origin</c>).
/// </summary>
/// <param name="Endpoint">The webhook URL.</param>
public sealed record WebhookDestination(Uri Endpoint);
