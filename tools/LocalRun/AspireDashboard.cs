using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;

namespace KadoaBridge.LocalRun;

/// <summary>
/// The standalone Aspire dashboard as a child process on free 127.0.0.1 ports: its pages without a login, and an
/// OTLP/HTTP endpoint the apps export traces, metrics and logs to. The executable is the self-contained one of the
/// <c>Aspire.Dashboard.Sdk.{rid}</c> package; the build records its path (assembly metadata
/// <c>AspireDashboardPath</c>). Start it with <see cref="StartAsync(TextWriter, CancellationToken)"/>; disposing kills it.
/// </summary>
internal sealed partial class AspireDashboard : IAsyncDisposable
{
    /// <summary>How long it may take to answer: about 3 s on an idle machine, far more while the tests build and run.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly Process _process;
    private readonly OutputTail _output;
    private int _disposed;

    private AspireDashboard(Process process, OutputTail output, int port, int otlpPort)
    {
        _process = process;
        _output = output;
        Url = new Uri($"http://127.0.0.1:{port}/");
        OtlpEndpoint = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{otlpPort}");
    }

    /// <summary>The dashboard's pages, e.g. <c>http://127.0.0.1:18888/</c>.</summary>
    public Uri Url { get; }

    /// <summary>The OTLP/HTTP base address the apps export to (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>), e.g. <c>http://127.0.0.1:4318</c>.</summary>
    public string OtlpEndpoint { get; }

    /// <summary>
    /// Starts the dashboard and waits until it answers (at most 60 s). When it cannot (no package for this machine, the
    /// file gone, it exits or never answers) writes one line saying why to <paramref name="output"/> and returns null:
    /// the run goes on without it.
    /// </summary>
    public static Task<AspireDashboard?> StartAsync(TextWriter output, CancellationToken cancellationToken) =>
        StartAsync(RecordedExecutable(), output, cancellationToken);

    /// <param name="executable">The dashboard executable; null = no package for this machine.</param>
    internal static async Task<AspireDashboard?> StartAsync(string? executable, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (string.IsNullOrEmpty(executable))
        {
            await output.WriteLineAsync($"Dashboard not started: Aspire.Dashboard.Sdk has no package for {RuntimeInformation.RuntimeIdentifier}; running without it.");
            return null;
        }

        if (!File.Exists(executable))
        {
            await output.WriteLineAsync($"Dashboard not started: {executable} is missing (dotnet restore brings it back); running without it.");
            return null;
        }

        var (port, otlpPort) = FreePorts.Pair();
        var dashboard = Launch(executable, port, otlpPort, out var launchError);
        if (dashboard is null)
        {
            await output.WriteLineAsync($"Dashboard not started: {executable} did not run ({launchError}); running without it.");
            return null;
        }

        string? problem;
        try
        {
            problem = await dashboard.WaitUntilAnsweringAsync(cancellationToken);
        }
        catch
        {
            await dashboard.DisposeAsync(); // stopped while starting: no child is left behind
            throw;
        }

        if (problem is null)
        {
            return dashboard;
        }

        await dashboard.DisposeAsync();
        await output.WriteLineAsync($"Dashboard not started: {problem}; running without it.");
        return null;
    }

    /// <summary>The path the build recorded from the package's <c>AspireDashboardPath</c>; null when this machine has no package.</summary>
    private static string? RecordedExecutable()
    {
        var path = typeof(AspireDashboard).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "AspireDashboardPath")?.Value;
        return string.IsNullOrWhiteSpace(path) ? null : path;
    }

    private static AspireDashboard? Launch(string executable, int port, int otlpPort, out string? error)
    {
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(executable), // its wwwroot and static-asset manifest sit beside it
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = $"http://127.0.0.1:{otlpPort}";

        // OTLP/HTTP only: a gRPC address inherited from the environment could be another dashboard's, and collide.
        start.Environment.Remove("ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL");

        // Local only, bound to 127.0.0.1: no browser token to copy, no API key for the apps, plain HTTP.
        start.Environment["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true";
        start.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";

        var output = new OutputTail();
        try
        {
            var process = Process.Start(start);
            if (process is null)
            {
                error = "no process";
                return null;
            }

            output.Attach(process);
            error = null;
            return new AspireDashboard(process, output, port, otlpPort);
        }
        catch (Win32Exception e)
        {
            // Not executable (a package extracted without its file mode) or not runnable on this machine.
            error = e.Message;
            return null;
        }
    }

    /// <summary>Polls the pages until any HTTP answer; null when answering, else why not. Cancelling throws.</summary>
    private async Task<string?> WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.GetTimestamp() + (long)(StartTimeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (_process.HasExited)
            {
                return await ExitReasonAsync(cancellationToken);
            }

            try
            {
                using var answer = await http.GetAsync(Url, cancellationToken);
                return null; // the root redirects to the logs page: any answer means it serves
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Not listening yet.
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                return $"it did not answer at {Url} within {StartTimeout.TotalSeconds:0} s";
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <summary>Its exit code and last words, once its output is read to the end (at most 5 s: a grandchild may hold the pipe).</summary>
    private async Task<string> ExitReasonAsync(CancellationToken cancellationToken)
    {
        using var drained = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        drained.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await _process.WaitForExitAsync(drained.Token); // also waits for the redirected streams to close
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Say what was read so far.
        }

        return $"it exited with code {_process.ExitCode} ({_output.Last()})";
    }
}
