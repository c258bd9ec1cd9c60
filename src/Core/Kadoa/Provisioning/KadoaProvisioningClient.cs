using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using Polly;

namespace KadoaBridge.Core.Kadoa.Provisioning;

/// <summary>
/// Kadoa's notification REST API (<c>/v5/notifications/channels</c>, <c>/settings</c>, <c>/test</c>) with the API key.
/// Transient failures are retried by the HTTP client's resilience handler (<see cref="ProvisioningOptions"/>); every
/// failure that remains surfaces as <see cref="KadoaRequestException"/> carrying Kadoa's message and never the key.
/// </summary>
public sealed class KadoaProvisioningClient(HttpClient http, IOptions<KadoaOptions> options)
{
    private const string ChannelsPath = "v5/notifications/channels";
    private const string SettingsPath = "v5/notifications/settings";
    private const string TestPath = "v5/notifications/test";

    /// <summary>Ids per settings query: Kadoa takes comma-separated workflow ids; this keeps URLs short.</summary>
    private const int WorkflowIdsPerQuery = 20;

    /// <summary>Every notification channel of the workspace, with the settings linked to each.</summary>
    public async Task<IReadOnlyList<KadoaChannel>> ListChannelsAsync(CancellationToken cancellationToken)
    {
        const string operation = "listing the notification channels";
        var body = await SendAsync(HttpMethod.Get, ChannelsPath, null, ProvisioningJsonContext.Default.EnvelopeChannelList, operation, cancellationToken);
        return [.. (body.Data?.Channels ?? []).Select(c => ProvisioningWire.ToModel(c, operation))];
    }

    /// <summary>Creates the workspace's WebSocket channel (Kadoa refuses a second one with 400).</summary>
    public async Task<KadoaChannel> CreateWebSocketChannelAsync(string name, CancellationToken cancellationToken)
    {
        const string operation = "creating the WebSocket channel";
        var content = JsonContent.Create(new ProvisioningWire.CreateChannel(name, KadoaChannel.WebSocketType, []), ProvisioningJsonContext.Default.CreateChannel);
        var body = await SendAsync(HttpMethod.Post, ChannelsPath, content, ProvisioningJsonContext.Default.EnvelopeChannelItem, operation, cancellationToken);
        return ProvisioningWire.ToModel(body.Data?.Channel, operation);
    }

    /// <summary>Every notification setting of the workspace, workflow and workspace level.</summary>
    public async Task<IReadOnlyList<KadoaSetting>> ListAllSettingsAsync(CancellationToken cancellationToken) =>
        await ListSettingsCoreAsync(SettingsPath, cancellationToken);

    /// <summary>
    /// The settings of the given scopes: workflow ids, a null entry standing for workspace-level settings. Queried in
    /// batches (<c>?workflowId=a,b,c</c> or <c>?workflowId=null</c>) and filtered again here, so the answer holds
    /// only those scopes whatever Kadoa's filter does.
    /// </summary>
    public async Task<IReadOnlyList<KadoaSetting>> ListSettingsAsync(IEnumerable<string?> scopes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var wanted = scopes.Distinct().ToList();
        var settings = new List<KadoaSetting>();
        foreach (var batch in wanted.Chunk(WorkflowIdsPerQuery))
        {
            var filter = string.Join(',', batch.Select(id => id is null ? "null" : Uri.EscapeDataString(id)));
            var found = await ListSettingsCoreAsync($"{SettingsPath}?workflowId={filter}", cancellationToken);
            settings.AddRange(found.Where(s => batch.Contains(s.WorkflowId)));
        }

        return settings;
    }

    /// <summary>Creates a setting routing <paramref name="eventType"/> of a workflow (null = workspace level) to the channels.</summary>
    public async Task<KadoaSetting> CreateSettingAsync(string? workflowId, string eventType, IReadOnlyList<string> channelIds, CancellationToken cancellationToken)
    {
        const string operation = "creating a notification setting";
        var request = new ProvisioningWire.CreateSetting(workflowId, eventType, [], true, channelIds);
        var content = JsonContent.Create(request, ProvisioningJsonContext.Default.CreateSetting);
        var body = await SendAsync(HttpMethod.Post, SettingsPath, content, ProvisioningJsonContext.Default.EnvelopeSettingItem, operation, cancellationToken);
        return ProvisioningWire.ToModel(body.Data?.Settings, operation);
    }

    /// <summary>Replaces a setting's channel ids, keeping <paramref name="enabled"/> as given (as Kadoa's SDK does).</summary>
    public async Task<KadoaSetting> UpdateSettingAsync(string settingId, IReadOnlyList<string> channelIds, bool enabled, CancellationToken cancellationToken)
    {
        const string operation = "updating a notification setting";
        var content = JsonContent.Create(new ProvisioningWire.UpdateSetting(channelIds, enabled), ProvisioningJsonContext.Default.UpdateSetting);
        var body = await SendAsync(HttpMethod.Put, $"{SettingsPath}/{Uri.EscapeDataString(settingId)}", content, ProvisioningJsonContext.Default.EnvelopeSettingItem, operation, cancellationToken);
        return ProvisioningWire.ToModel(body.Data?.Settings, operation);
    }

    /// <summary>Deletes a setting.</summary>
    public async Task DeleteSettingAsync(string settingId, CancellationToken cancellationToken) =>
        await SendAsync<object>(HttpMethod.Delete, $"{SettingsPath}/{Uri.EscapeDataString(settingId)}", null, null, "deleting a notification setting", cancellationToken);

    /// <summary>Asks Kadoa to send a mock event of <paramref name="eventType"/> to the configured channels.</summary>
    public async Task<KadoaTestEvent> SendTestAsync(string eventType, string? workflowId, CancellationToken cancellationToken)
    {
        const string operation = "the test event request";
        var content = JsonContent.Create(new ProvisioningWire.SendTest(eventType, workflowId), ProvisioningJsonContext.Default.SendTest);
        var body = await SendAsync(HttpMethod.Post, TestPath, content, ProvisioningJsonContext.Default.EnvelopeTestSent, operation, cancellationToken);
        return new KadoaTestEvent(body.Data?.EventId, body.Data?.EventType ?? eventType, body.Data?.WorkflowId ?? workflowId);
    }

    private async Task<IReadOnlyList<KadoaSetting>> ListSettingsCoreAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        const string operation = "listing the notification settings";
        var body = await SendAsync(HttpMethod.Get, pathAndQuery, null, ProvisioningJsonContext.Default.EnvelopeSettingList, operation, cancellationToken);
        return [.. (body.Data?.Settings ?? []).Select(s => ProvisioningWire.ToModel(s, operation))];
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string pathAndQuery, HttpContent? content, JsonTypeInfo<T>? answer, string operation, CancellationToken cancellationToken)
        where T : class
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(method, KadoaHttp.Combine(settings.ApiBaseUrl, pathAndQuery)) { Content = content };
        request.Headers.Add(KadoaHttp.ApiKeyHeader, settings.ApiKey);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            await KadoaHttp.EnsureSuccessAsync(response, operation, cancellationToken);
            if (answer is null)
            {
                return null!; // The caller ignores the body (DELETE).
            }

            return await response.Content.ReadFromJsonAsync(answer, cancellationToken) ?? throw ProvisioningWire.Malformed(operation, "an empty body");
        }
        catch (HttpRequestException e)
        {
            // Kadoa's own messages are redacted by EnsureSuccessAsync; this one is the client's, quoted to the caller.
            throw new KadoaRequestException($"Kadoa could not be reached for {operation}: {KadoaHttp.Redact(e.Message, request)}", e);
        }
        catch (ExecutionRejectedException e)
        {
            // Polly's attempt/total timeout or open circuit, after the retries.
            throw new KadoaRequestException($"Kadoa did not answer {operation} in time ({e.GetType().Name}).", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new KadoaRequestException($"Kadoa did not answer {operation} in time.", e);
        }
        catch (JsonException e)
        {
            throw new KadoaRequestException($"Kadoa's answer to {operation} was not valid JSON ({e.Path}).", e);
        }
    }
}
