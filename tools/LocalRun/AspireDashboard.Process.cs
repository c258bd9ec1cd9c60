using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace KadoaBridge.LocalRun;

/// <summary>The child process's plumbing: its output drained and its ports chosen.</summary>
internal sealed partial class AspireDashboard
{
    /// <summary>
    /// Drains the dashboard's output (a full pipe would block it) and keeps the last line of each stream to say why when
    /// it exits at start: on a failed start its standard error holds one line such as
    /// <c>Error: Failed to bind to address …</c>. Its logs are not shown: the run prints events, not the dashboard's chatter.
    /// </summary>
    private sealed class OutputTail
    {
        private string? _lastError;
        private string? _lastOutput;

        public void Attach(Process process)
        {
            process.OutputDataReceived += (_, e) => Keep(ref _lastOutput, e.Data);
            process.ErrorDataReceived += (_, e) => Keep(ref _lastError, e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        /// <summary>The last line of standard error, else of standard output, else "no output".</summary>
        public string Last() => Volatile.Read(ref _lastError) ?? Volatile.Read(ref _lastOutput) ?? "no output";

        private static void Keep(ref string? last, string? line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                Volatile.Write(ref last, line.Trim());
            }
        }
    }

    private static class FreePorts
    {
        /// <summary>
        /// Two distinct free ports on 127.0.0.1: both sockets are bound at once so the system cannot hand out one port
        /// twice, then released for the dashboard to take.
        /// </summary>
        public static (int First, int Second) Pair()
        {
            using var first = Bind();
            using var second = Bind();
            return (((IPEndPoint)first.LocalEndPoint!).Port, ((IPEndPoint)second.LocalEndPoint!).Port);
        }

        private static Socket Bind()
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                return socket;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
    }
}
