using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace KadoaBridge.Infra.Tests;

/// <summary>
/// Runs both post-deploy hooks (POSIX sh and PowerShell, the local dotnet tool) the way azd does, against a stand-in
/// Functions app on 127.0.0.1 and a stand-in <c>az</c> on PATH: they call <c>az</c> with the azd environment's
/// subscription, post the same body, and never fail the deployment.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PostDeployHookTests : IDisposable
{
    private const string SubscriptionId = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
    private const string FunctionKey = "stand-in-function-key";
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    private readonly string _bin = Directory.CreateTempSubdirectory("postdeploy-bin-").FullName;
    private readonly string _azLog;

    public PostDeployHookTests()
    {
        _azLog = Path.Combine(_bin, "az.log");
        // The stand-in az records its arguments and prints a function key, as `az functionapp keys list --output tsv` does.
        if (OperatingSystem.IsWindows())
        {
            File.WriteAllText(Path.Combine(_bin, "az.cmd"), $"@echo off\r\necho %* >> \"{_azLog}\"\r\necho {FunctionKey}\r\n");
        }
        else
        {
            var az = Path.Combine(_bin, "az");
            File.WriteAllText(az, $"#!/bin/sh\necho \"$@\" >> '{_azLog}'\necho {FunctionKey}\n");
            File.SetUnixFileMode(az, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>azd runs the POSIX hook on Linux and macOS and the PowerShell one on Windows; both are checked where sh exists.</summary>
    public static TheoryData<string> Shells => OperatingSystem.IsWindows() ? new() { "pwsh" } : new() { "sh", "pwsh" };

    [Theory]
    [MemberData(nameof(Shells))]
    public async Task Hook_SetupAccepted_UsesTheEnvironmentsSubscriptionAndPostsTheWorkflows(string shell)
    {
        using var functions = new StandInFunctions(HttpStatusCode.OK);

        var run = await RunHookAsync(shell, functions.BaseUrl, subscription: SubscriptionId);

        Assert.True(run.ExitCode == 0, run.Output);
        var azArguments = File.ReadAllText(_azLog).Split((char[])[' ', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(SubscriptionId, azArguments[Array.IndexOf(azArguments, "--subscription") + 1]);
        var request = Assert.Single(functions.Requests);
        Assert.Equal(FunctionKey, request.Key);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal(["wf-1", "wf-2"], body["workflowIds"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(["workflow_data_change"], body["eventTypes"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.DoesNotContain(FunctionKey, run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Shells))]
    public async Task Hook_SetupRefused_WarnsAndStillSucceeds(string shell)
    {
        using var functions = new StandInFunctions(HttpStatusCode.BadRequest);

        var run = await RunHookAsync(shell, functions.BaseUrl, subscription: SubscriptionId);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("HTTP 400", run.Output, StringComparison.Ordinal);
        Assert.Contains("azd hooks run postdeploy", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Shells))]
    public async Task Hook_NoSubscriptionInTheEnvironment_WarnsAndStillSucceedsWithoutCallingAz(string shell)
    {
        using var functions = new StandInFunctions(HttpStatusCode.OK);

        var run = await RunHookAsync(shell, functions.BaseUrl, subscription: null);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("AZURE_SUBSCRIPTION_ID", run.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(_azLog), "az was called without a subscription");
        Assert.Empty(functions.Requests);
    }

    public void Dispose() => Directory.Delete(_bin, recursive: true);

    private async Task<(int ExitCode, string Output)> RunHookAsync(string shell, string functionsUrl, string? subscription)
    {
        var start = shell == "sh"
            ? new ProcessStartInfo("sh", ["infra/hooks/postdeploy.sh"])
            : new ProcessStartInfo("dotnet", ["tool", "run", "pwsh", "-NoProfile", "-NonInteractive", "-File", "infra/hooks/postdeploy.ps1"]);
        start.WorkingDirectory = RepoRoot.Path;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AZURE_", StringComparison.Ordinal) || k.StartsWith("KADOA_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["PATH"] = _bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        start.Environment["SERVICE_FUNCTIONS_URI"] = functionsUrl;
        start.Environment["AZURE_FUNCTION_APP_NAME"] = "func-test";
        start.Environment["AZURE_RESOURCE_GROUP"] = "rg-test";
        start.Environment["KADOA_WORKFLOW_IDS"] = "wf-1, wf-2";
        if (subscription is not null)
        {
            start.Environment["AZURE_SUBSCRIPTION_ID"] = subscription;
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(RunTimeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>POST /api/setup on a free 127.0.0.1 port, answering every request with one status.</summary>
    private sealed class StandInFunctions : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _serving;

        public StandInFunctions(HttpStatusCode status)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            BaseUrl = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add(BaseUrl + "/");
            _listener.Start();
            _serving = ServeAsync(status);
        }

        public string BaseUrl { get; }

        public List<(string Key, string Body)> Requests { get; } = [];

        public void Dispose()
        {
            _listener.Close();
            _ = _serving.Exception; // observed: the loop ends with the listener
        }

        private async Task ServeAsync(HttpStatusCode status)
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
                {
                    var body = await reader.ReadToEndAsync();
                    if (context.Request.HttpMethod == "POST" && context.Request.Url!.AbsolutePath == "/api/setup")
                    {
                        lock (Requests)
                        {
                            Requests.Add((context.Request.Headers["x-functions-key"] ?? "", body));
                        }
                    }
                }

                context.Response.StatusCode = (int)status;
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes("""{"stand-in":true}"""));
                context.Response.Close();
            }
        }
    }
}
