using System.CommandLine;
using System.Runtime.InteropServices;
using KadoaBridge.Bench.Relay;

namespace KadoaBridge.Bench.Sides;

/// <summary>
/// The child half of <see cref="SideProcess"/> (hidden from the help): <c>side kadoa</c> (the Kadoa simulator),
/// <c>side eventgrid --topic NAME … [--queue TOPIC=QUEUE …]</c> (the Event Grid emulator) or <c>side relay</c>
/// (<see cref="MinimalRelay"/>), each alone in this process until stdin ends or SIGTERM (<see cref="SideHost"/>).
/// </summary>
internal sealed class SideCommand : Command
{
    public SideCommand()
        : base("side", "A stand-in the benchmarks start as its own process, driven over stdin.")
    {
        Hidden = true;

        var kadoa = new Command("kadoa", "The Kadoa simulator.");
        kadoa.SetAction(_ => RunUntilTerminatedAsync(async cancellationToken =>
        {
            await KadoaSide.RunAsync(cancellationToken);
            return 0;
        }));

        var topics = new Option<List<string>>("--topic") { Description = "Serve a topic; repeatable.", HelpName = "NAME" };
        var queues = new Option<List<(string Topic, string Queue)>>("--queue")
        {
            Description = $"Deliver a topic into a Storage queue of the account in {EventGridSide.StorageConnectionVariable}; repeatable.",
            HelpName = "TOPIC=QUEUE",
            CustomParser = result =>
            {
                List<(string, string)> pairs = [];
                foreach (var token in result.Tokens)
                {
                    if (token.Value.Split('=') is [var topic, var queue])
                    {
                        pairs.Add((topic, queue));
                    }
                    else
                    {
                        result.AddError($"--queue needs TOPIC=QUEUE (got '{token.Value}').");
                    }
                }

                return pairs;
            },
        };
        var eventGrid = new Command("eventgrid", "The Event Grid emulator.") { topics, queues };
        eventGrid.SetAction(parseResult => RunUntilTerminatedAsync(async cancellationToken =>
        {
            await EventGridSide.RunAsync(parseResult.GetValue(topics) ?? [], parseResult.GetValue(queues) ?? [], cancellationToken);
            return 0;
        }));

        var relay = new Command("relay", "The minimal relay, the listener benchmark's reference.");
        relay.SetAction(_ => RunUntilTerminatedAsync(MinimalRelay.RunSideAsync));

        Subcommands.Add(kadoa);
        Subcommands.Add(eventGrid);
        Subcommands.Add(relay);
    }

    /// <summary>SIGTERM cancels the side (the parent closes its stdin first, and kills it only if it does not stop).</summary>
    private static async Task<int> RunUntilTerminatedAsync(Func<CancellationToken, Task<int>> run)
    {
        using var stop = new CancellationTokenSource();
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        return await run(stop.Token);
    }
}
