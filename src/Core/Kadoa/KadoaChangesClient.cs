using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Kadoa;

/// <summary>
/// Kadoa's record of data changes: <c>GET /v5/changes</c> (newest first, paged by <c>skip</c>/<c>limit</c>) and
/// <c>GET /v5/changes/{id}</c>. 429 (with <c>Retry-After</c>), 5xx and timeouts are retried by the client's standard
/// resilience handler, which waits what <c>Retry-After</c> says; other refusals throw <see cref="KadoaRequestException"/>.
/// </summary>
public sealed class KadoaChangesClient(HttpClient http, IOptions<KadoaOptions> options)
{
    /// <summary>The page size asked for. Kadoa's default and the simulator's; the API documents no larger maximum.</summary>
    public const int PageSize = 100;

    /// <summary>One page of changes of <paramref name="workflowIds"/> created in [<paramref name="from"/>, <paramref name="to"/>], newest first.</summary>
    public async Task<KadoaChangePage> ListAsync(
        IReadOnlyCollection<string> workflowIds, DateTimeOffset from, DateTimeOffset to, int skip, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflowIds);
        var query = string.Create(CultureInfo.InvariantCulture,
            $"v5/changes?workflowIds={Uri.EscapeDataString(string.Join(',', workflowIds))}&startDate={Iso(from)}&endDate={Iso(to)}&skip={skip}&limit={PageSize}");
        using var document = await GetJsonAsync(query, "listing changes", cancellationToken);
        if (document is null || !document.RootElement.TryGetProperty("changes", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new KadoaRequestException("Kadoa's changes answer lacked the 'changes' array.");
        }

        var changes = list.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.Object).Select(c => c.Clone()).ToList();
        var total = document.RootElement.TryGetProperty("changesCount", out var count) && count.TryGetInt32(out var n) ? n : (int?)null;
        return new KadoaChangePage(changes, total);
    }

    /// <summary>One change by id; null when Kadoa answers 404.</summary>
    public async Task<JsonElement?> GetAsync(string changeId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(changeId);
        using var document = await GetJsonAsync($"v5/changes/{Uri.EscapeDataString(changeId)}", "reading a change", cancellationToken);
        if (document is null)
        {
            return null;
        }

        // The single-change answer is the change itself; tolerate the {"data": {...}} envelope of other endpoints.
        var root = document.RootElement;
        var change = root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object && !root.TryGetProperty("id", out _) ? data : root;
        return change.ValueKind == JsonValueKind.Object ? change.Clone() : null;
    }

    private async Task<JsonDocument?> GetJsonAsync(string relative, string operation, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Get, KadoaHttp.Combine(settings.ApiBaseUrl, relative));
        request.Headers.Add(KadoaHttp.ApiKeyHeader, settings.ApiKey);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        await KadoaHttp.EnsureSuccessAsync(response, operation, cancellationToken);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await JsonDocument.ParseAsync(body, default, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new KadoaRequestException($"Kadoa's answer to {operation} was not JSON (line {e.LineNumber}).", e);
        }
    }

    private static string Iso(DateTimeOffset time) => Uri.EscapeDataString(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
}
