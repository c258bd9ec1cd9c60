using System.CommandLine;
using System.CommandLine.Invocation;

namespace KadoaBridge.CommandLine;

/// <summary>Runs a command line the same way in each tool and the bench (tools/CommandLine).</summary>
internal static class CommandLineInvocation
{
    /// <summary>The exit code of a command line that did not parse, as before System.CommandLine (it would say 1, which the soak uses for a loss).</summary>
    public const int UsageExitCode = 2;

    /// <summary>
    /// Parses <paramref name="args"/> and runs the chosen command's action: <c>--help</c> prints the help (exit 0); bad
    /// arguments print each error, which names the option, and the help (exit <see cref="UsageExitCode"/>).
    /// </summary>
    /// <remarks>
    /// Ctrl+C and SIGTERM stay with the actions (System.CommandLine's handler would end the process two seconds after
    /// the signal, before a run has stopped the processes it started), and exceptions are not caught, as before.
    /// </remarks>
    /// <param name="output">Where the help goes. Default <see cref="Console.Out"/>.</param>
    /// <param name="error">Where the errors go. Default <see cref="Console.Error"/>.</param>
    public static async Task<int> InvokeAsync(Command command, IReadOnlyList<string> args, TextWriter? output = null, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parseResult = command.Parse(args);
        var invocation = new InvocationConfiguration
        {
            ProcessTerminationTimeout = null,
            EnableDefaultExceptionHandler = false,
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
        };
        var exitCode = await parseResult.InvokeAsync(invocation);
        return parseResult.Action is ParseErrorAction ? UsageExitCode : exitCode;
    }
}
