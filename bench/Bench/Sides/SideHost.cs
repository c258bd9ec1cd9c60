using System.Text.Json.Nodes;

namespace KadoaBridge.Bench.Sides;

/// <summary>What every side of <see cref="SideCommand"/> shares: its ready line on stdout, then one answer line per command line on stdin. Diagnostics go to stderr.</summary>
public static class SideHost
{
    /// <summary>
    /// Prints <paramref name="ready"/> as one line, then answers each stdin line (split on spaces) with one line, in
    /// order, until stdin ends or says <c>exit</c>.
    /// </summary>
    public static async Task ServeAsync(JsonObject ready, Func<string[], CancellationToken, Task<string>> handle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ready);
        ArgumentNullException.ThrowIfNull(handle);
        var output = Console.Out; // Console.Out flushes every write: the parent reads line by line
        await output.WriteLineAsync(ready.ToJsonString());
        while (await Console.In.ReadLineAsync(cancellationToken) is { } line && line != "exit")
        {
            string reply;
            try
            {
                var value = await handle(line.Split(' ', StringSplitOptions.RemoveEmptyEntries), cancellationToken);
                reply = value.Length == 0 ? "ok" : "ok " + value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or TimeoutException or IOException or IndexOutOfRangeException)
            {
                reply = "error " + e.GetType().Name + ": " + e.Message.ReplaceLineEndings(" ");
            }

            await output.WriteLineAsync(reply);
        }
    }
}
