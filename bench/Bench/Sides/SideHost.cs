using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using KadoaBridge.Bench.Relay;

namespace KadoaBridge.Bench.Sides;

/// <summary>
/// The child half of <see cref="SideProcess"/>: <c>side kadoa</c> (the Kadoa simulator), <c>side eventgrid --topic
/// NAME … [--queue TOPIC=QUEUE …]</c> (the Event Grid emulator) or <c>side relay</c> (<see cref="MinimalRelay"/>), each
/// alone in this process. Stdout carries only the ready line and the answers; diagnostics go to stderr.
/// </summary>
public static class SideHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        using var stop = new CancellationTokenSource();
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        switch (args.FirstOrDefault())
        {
            case "kadoa":
                await KadoaSide.RunAsync(stop.Token);
                return 0;
            case "eventgrid":
                await EventGridSide.RunAsync(args[1..], stop.Token);
                return 0;
            case "relay":
                return await MinimalRelay.RunSideAsync(stop.Token);
            default:
                await Console.Error.WriteLineAsync("Usage: side kadoa | side eventgrid --topic NAME [--queue TOPIC=QUEUE] | side relay");
                return 2;
        }
    }

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
