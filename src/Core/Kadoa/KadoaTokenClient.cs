using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Kadoa;

/// <summary>Asks Kadoa for a realtime token: <c>POST {ApiBaseUrl}/v4/oauth2/token</c> with the API key.</summary>
public sealed class KadoaTokenClient(HttpClient http, IOptions<KadoaOptions> options)
{
    /// <summary>Gets a fresh single-use token. Throws <see cref="KadoaRequestException"/> when Kadoa refuses.</summary>
    public async Task<RealtimeToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, KadoaHttp.Combine(settings.ApiBaseUrl, "v4/oauth2/token"));
        request.Headers.Add(KadoaHttp.ApiKeyHeader, settings.ApiKey);
        using var response = await http.SendAsync(request, cancellationToken);
        await KadoaHttp.EnsureSuccessAsync(response, "the realtime token request", cancellationToken);
        TokenResponse? body;
        try
        {
            body = await response.Content.ReadFromJsonAsync(KadoaJsonContext.Default.TokenResponse, cancellationToken);
        }
        catch (System.Text.Json.JsonException e)
        {
            // A proxy's HTML page or a truncated answer: Kadoa is not (properly) there; retried like an outage.
            var type = response.Content.Headers.ContentType?.MediaType ?? "no content type";
            throw new KadoaRequestException($"Kadoa's token answer was not the expected JSON ({type}, line {e.LineNumber}).", e);
        }

        if (body is null || string.IsNullOrEmpty(body.AccessToken) || string.IsNullOrEmpty(body.TeamId))
        {
            throw new KadoaRequestException("Kadoa's token answer lacked access_token or team_id.");
        }

        return new RealtimeToken(body.AccessToken, body.TeamId);
    }

    internal sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("team_id")] string? TeamId);
}
