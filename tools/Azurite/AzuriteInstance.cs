using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace KadoaBridge.Azurite;

/// <summary>
/// One Azurite process (blob, queue and table) listening on free 127.0.0.1 ports, in memory.
/// Azurite comes from the repository's pinned npm package (<c>npm ci</c> at the root installs it);
/// set <c>AZURITE_BIN</c> to use another executable.
/// </summary>
public sealed partial class AzuriteInstance : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account key (public, documented by Microsoft).</summary>
    public const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>Azurite's well-known development account name.</summary>
    public const string AccountName = "devstoreaccount1";

    private readonly Process _process;
    private int _disposed;

    private AzuriteInstance(Process process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        BlobEndpoint = new Uri($"http://127.0.0.1:{blobPort}/{AccountName}");
        QueueEndpoint = new Uri($"http://127.0.0.1:{queuePort}/{AccountName}");
        TableEndpoint = new Uri($"http://127.0.0.1:{tablePort}/{AccountName}");
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
            $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";
    }

    public Uri BlobEndpoint { get; }

    /// <summary>The Azurite process's id, so a caller can signal it (a graceful SIGTERM saves its data before a restart).</summary>
    public int ProcessId => _process.Id;

    public Uri QueueEndpoint { get; }

    public Uri TableEndpoint { get; }

    /// <summary>A connection string for all three services of this instance.</summary>
    public string ConnectionString { get; }

    /// <summary>Starts an in-memory Azurite on free ports and waits until all three services listen (at most 60 s).</summary>
    public static Task<AzuriteInstance> StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync(new AzuriteOptions(), cancellationToken);

    /// <summary>The options that start this instance again, in place (same ports and, when persisted, same data).</summary>
    public AzuriteOptions RestartOptions { get; private init; } = new();

    /// <summary>Starts Azurite and waits until all three services listen (at most 60 s).</summary>
    public static async Task<AzuriteInstance> StartAsync(AzuriteOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var executable = FindExecutable();
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in new[]
        {
            "--blobHost", "127.0.0.1", "--blobPort", options.BlobPort.ToString(CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", options.QueuePort.ToString(CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", options.TablePort.ToString(CultureInfo.InvariantCulture),
            "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--silent",
        })
        {
            start.ArgumentList.Add(argument);
        }

        if (options.Location is { } location)
        {
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(location);
        }
        else
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Azurite did not start from '{executable}'.");
        var ports = new Dictionary<string, int>(StringComparer.Ordinal);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new List<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                ready.TrySetException(new InvalidOperationException("Azurite exited before listening:\n" + string.Join('\n', output)));
                return;
            }

            lock (output)
            {
                output.Add(e.Data);
                var match = ListeningLine().Match(e.Data);
                if (match.Success)
                {
                    ports[match.Groups["service"].Value] = int.Parse(match.Groups["port"].Value);
                    if (ports.Count == 3)
                    {
                        ready.TrySetResult();
                    }
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.Add(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }

        return new AzuriteInstance(process, ports["Blob"], ports["Queue"], ports["Table"])
        {
            RestartOptions = options with { BlobPort = ports["Blob"], QueuePort = ports["Queue"], TablePort = ports["Table"] },
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static string FindExecutable()
    {
        var configured = Environment.GetEnvironmentVariable("AZURITE_BIN");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "node_modules", ".bin", "azurite");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "Azurite is not installed: run 'npm ci' at the repository root (it installs the pinned azurite package), or set AZURITE_BIN.");
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at http://[^:]+:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
