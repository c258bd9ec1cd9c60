using System.Diagnostics;
using System.Runtime.InteropServices;

namespace KadoaBridge.LocalRun;

/// <summary>Stopping the child process: gracefully where the system allows, killed otherwise.</summary>
internal sealed partial class AspireDashboard
{
    /// <summary>
    /// Stops the dashboard: SIGTERM first (it then deletes its working files under the temp folder), its process tree
    /// killed when it has not exited within 5 s or on Windows. A background child ignores SIGINT, so never that.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (!_process.HasExited && PosixSignals.Terminate(_process) && await ExitsWithinAsync(TimeSpan.FromSeconds(5)))
            {
                return;
            }

            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await ExitsWithinAsync(TimeSpan.FromSeconds(10));
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task<bool> ExitsWithinAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM, which .NET's <see cref="Process"/> cannot send: <see cref="Process.Kill()"/> is SIGKILL.</summary>
    private static class PosixSignals
    {
        private const int SigTerm = 15; // the same number on Linux and macOS

        /// <summary>True when the signal was sent; false on Windows or when it could not be (the caller then kills).</summary>
        public static bool Terminate(Process process)
        {
            if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            {
                return false;
            }

            try
            {
                return Kill(process.Id, SigTerm) == 0;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                return false;
            }
        }

        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern int Kill(int pid, int signal);
    }
}
