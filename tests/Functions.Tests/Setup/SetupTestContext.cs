using System.Text.Json.Nodes;
using Azure.Data.Tables;
using KadoaBridge.Core.Kadoa.Provisioning;
using KadoaBridge.Functions.Http;
using KadoaBridge.KadoaSimulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Simulator = KadoaBridge.KadoaSimulator.KadoaSimulator;

namespace KadoaBridge.Functions.Tests.Setup;

/// <summary>
/// One provisioning test's world: a Kadoa simulator with a unique key, the Functions app's services over it and
/// Azurite, an empty <c>Provisioning</c> table, and every log line captured. Disposing checks the key was never logged.
/// </summary>
internal sealed class SetupTestContext : IAsyncDisposable
{
    public const int RetryAttempts = 3;

    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(60);
    private readonly CapturingLoggerProvider _logs = new();
    private FunctionsTestHost _host = null!;

    private SetupTestContext(Simulator simulator, string apiKey, TableClient table)
    {
        Simulator = simulator;
        ApiKey = apiKey;
        Table = table;
    }

    public Simulator Simulator { get; }

    public string ApiKey { get; }

    /// <summary>The bridge's <c>Provisioning</c> table in Azurite.</summary>
    public TableClient Table { get; }

    public SetupFunctions Functions { get; private set; } = null!;

    public IReadOnlyCollection<string> LogLines => _logs.Lines;

    /// <summary>Starts the simulator and the app; <paramref name="apiBaseUrl"/> overrides where the app looks for Kadoa.</summary>
    public static async Task<SetupTestContext> StartAsync(AzuriteFixture azurite, Uri? apiBaseUrl = null)
    {
        var apiKey = "sim-key-" + Guid.NewGuid().ToString("N");
        var simulator = await Simulator.StartAsync(new KadoaSimulatorOptions { ApiKey = apiKey });
        var table = new TableClient(azurite.ConnectionString, ProvisioningTableNames.Provisioning);
        await table.CreateIfNotExistsAsync();
        await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }

        var context = new SetupTestContext(simulator, apiKey, table);
        context._host = new FunctionsTestHost(
            new Dictionary<string, string?>
            {
                ["Kadoa:ApiKey"] = apiKey,
                ["Kadoa:ApiBaseUrl"] = (apiBaseUrl ?? simulator.ApiBaseUrl).ToString(),
                ["Kadoa:RequestTimeout"] = "00:00:05",
                ["Storage:ConnectionString"] = azurite.ConnectionString,
                ["Provisioning:MaxRetryAttempts"] = RetryAttempts.ToString(),
                ["Provisioning:RetryDelay"] = "00:00:00.010",
                ["Provisioning:MaxRetryDelay"] = "00:00:00.050",

                // The app composes only with a routing destination; provisioning never publishes to it.
                ["Routing:Destinations:changes:Endpoint"] = "http://127.0.0.1:9/api/events",
                ["Routing:Destinations:changes:Key"] = "unused-by-provisioning",
            },
            services => services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(context._logs)));
        context.Functions = context._host.Create<SetupFunctions>();
        return context;
    }

    public Task<FunctionAnswer> PostSetupAsync(string? body, string? contentType = "application/json") =>
        CallAsync(FunctionsTestHost.Request("POST", "/api/setup", body, contentType), Functions.ApplyAsync);

    public Task<FunctionAnswer> PostSetupAsync(JsonObject body) => PostSetupAsync(body.ToJsonString());

    public Task<FunctionAnswer> GetSetupAsync() =>
        CallAsync(FunctionsTestHost.Request("GET", "/api/setup"), Functions.ShowAsync);

    public Task<FunctionAnswer> UnlinkAsync(string workflowId) =>
        CallAsync(FunctionsTestHost.Request("DELETE", $"/api/setup/workflows/{workflowId}"), (request, token) => Functions.UnlinkAsync(request, workflowId, token));

    public Task<FunctionAnswer> PostTestAsync(string? body, string? contentType = "application/json") =>
        CallAsync(FunctionsTestHost.Request("POST", "/api/setup/test", body, contentType), Functions.TestAsync);

    /// <summary>Kadoa's settings of a workflow (null = workspace level).</summary>
    public IReadOnlyList<JsonObject> SettingsOf(string? workflowId) =>
        [.. Simulator.Settings.Where(s => s["workflowId"]?.GetValue<string>() == workflowId)];

    /// <summary>The channel ids of a Kadoa setting.</summary>
    public static IReadOnlyList<string> ChannelIdsOf(JsonObject setting) =>
        [.. setting["channels"]!.AsArray().Select(c => c!["id"]!.GetValue<string>())];

    /// <summary>The one WebSocket channel's id in Kadoa.</summary>
    public string WebSocketChannelId() =>
        Assert.Single(Simulator.Channels, c => c["channelType"]!.GetValue<string>() == "WEBSOCKET")["id"]!.GetValue<string>();

    /// <summary>Requests Kadoa received that change something (POST/PUT/DELETE).</summary>
    public IReadOnlyList<string> Writes() =>
        [.. Simulator.RequestLog.Where(r => r.StartsWith("POST ", StringComparison.Ordinal) || r.StartsWith("PUT ", StringComparison.Ordinal) || r.StartsWith("DELETE ", StringComparison.Ordinal))];

    public int Count(string request) => Simulator.RequestLog.Count(r => r == request);

    /// <summary>The rows of partition <c>links</c> of the record: (WorkflowId, EventType, Action).</summary>
    public async Task<IReadOnlyList<(string? WorkflowId, string EventType, string Action, string SettingId)>> RecordedLinksAsync()
    {
        var rows = new List<(string?, string, string, string)>();
        await foreach (var row in Table.QueryAsync<TableEntity>(r => r.PartitionKey == "links"))
        {
            rows.Add((row.GetString("WorkflowId"), row.GetString("EventType")!, row.GetString("Action")!, row.GetString("SettingId")!));
        }

        return rows;
    }

    public async Task<TableEntity?> RecordRowAsync(string partition, string row)
    {
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(partition, row);
        return found.HasValue ? found.Value : null;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await Simulator.DisposeAsync();
        var leaked = LogLines.Where(line => line.Contains(ApiKey, StringComparison.Ordinal)).ToList();
        Assert.True(leaked.Count == 0, "The API key appeared in the logs:\n" + string.Join("\n", leaked));
    }

    private async Task<FunctionAnswer> CallAsync(
        Microsoft.AspNetCore.Http.HttpRequest request, Func<Microsoft.AspNetCore.Http.HttpRequest, CancellationToken, Task<Microsoft.AspNetCore.Mvc.IActionResult>> call)
    {
        using var timeout = new CancellationTokenSource(CallTimeout);
        return await FunctionAnswer.FromAsync(await call(request, timeout.Token), request, ApiKey);
    }
}
