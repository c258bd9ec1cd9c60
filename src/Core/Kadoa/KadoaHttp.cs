using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;

namespace KadoaBridge.Core.Kadoa;

/// <summary>What every Kadoa HTTP call shares: identification headers and error translation.</summary>
internal static class KadoaHttp
{
    public const string ApiKeyHeader = "x-api-key";

    public static readonly string BridgeVersion =
        typeof(KadoaHttp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Appends a relative path to a base URL, keeping the base's own path (<c>http://h/realtime</c> + <c>api/v1</c>).</summary>
    public static Uri Combine(Uri baseUrl, string relativePath)
    {
        var text = baseUrl.AbsoluteUri;
        return new Uri(text.EndsWith('/') ? text + relativePath : text + "/" + relativePath);
    }

    public static void Identify(HttpClient client)
    {
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("kadoa-eventgrid-bridge", BridgeVersion));
        client.DefaultRequestHeaders.Add("x-sdk-version", $"kadoa-eventgrid-bridge/{BridgeVersion}");
    }

    /// <summary>
    /// Throws <see cref="KadoaRequestException"/> with Kadoa's message for a non-success answer. The exception is logged
    /// and its message may be answered to a caller, so an API key Kadoa echoes back (the request's own
    /// <see cref="ApiKeyHeader"/>) is redacted here, once for every client.
    /// </summary>
    public static async Task EnsureSuccessAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var message = Redact(await ReadErrorMessageAsync(response, cancellationToken), response.RequestMessage);
        throw new KadoaRequestException(response.StatusCode, $"Kadoa answered {(int)response.StatusCode} to {operation}: {message}");
    }

    /// <summary><paramref name="text"/> without the API key <paramref name="request"/> carried.</summary>
    public static string Redact(string text, HttpRequestMessage? request)
    {
        if (request is null || !request.Headers.TryGetValues(ApiKeyHeader, out var keys))
        {
            return text;
        }

        foreach (var key in keys)
        {
            text = key.Length == 0 ? text : text.Replace(key, "[redacted]", StringComparison.Ordinal);
        }

        return text;
    }

    private static async Task<string> ReadErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException)
        {
            return response.ReasonPhrase ?? "no message";
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("message", out var message) &&
                message.ValueKind == JsonValueKind.String)
            {
                return message.GetString()!;
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall through to the (bounded) raw body.
        }

        return body.Length > 300 ? body[..300] : body.Length == 0 ? response.ReasonPhrase ?? "no message" : body;
    }
}
