using KadoaBridge.CommandLine;

namespace KadoaBridge.Bench;

/// <summary>The bench's command line (<see cref="BenchCommand"/>): exit 2 on bad arguments, else the command's own exit code.</summary>
public static class BenchProgram
{
    public static Task<int> Main(string[] args) => CommandLineInvocation.InvokeAsync(new BenchCommand(), args);
}
