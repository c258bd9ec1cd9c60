using System.Globalization;
using System.Runtime.InteropServices;
using KadoaBridge.CommandLine;

namespace KadoaBridge.EventGridEmulator;

/// <summary>Standalone host: <c>dotnet run --project tools/EventGridEmulator -- --help</c>.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args)
    {
        var command = new StandaloneCommand();
        command.SetAction(parseResult => RunAsync(command.Read(parseResult)));
        return CommandLineInvocation.InvokeAsync(command, args);
    }

    private static async Task<int> RunAsync(StandaloneOptions standalone)
    {
        var options = standalone.ToOptions();
        options.ConfigureLogging = logging => logging
            .AddSimpleConsole(console => console.SingleLine = true)
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("Microsoft", LogLevel.Warning);
        if (!standalone.Quiet)
        {
            options.EventAccepted = PrintAccepted;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        await using var emulator = await EventGridEmulator.StartAsync(options, stop.Token);
        var number = 0;
        foreach (var (topic, destination) in standalone.QueueSubscriptions)
        {
            emulator.AddSubscription(topic, new SubscriptionOptions { Name = $"{topic}-queue-{++number}", StorageQueue = destination });
        }

        foreach (var (topic, destination) in standalone.WebhookSubscriptions)
        {
            emulator.AddSubscription(topic, new SubscriptionOptions { Name = $"{topic}-webhook-{++number}", Webhook = destination });
        }

        foreach (var topic in standalone.Topics)
        {
            // The emulator's development key is printed on purpose: it is what a local publisher is configured with.
            Console.WriteLine($"topic {topic}: endpoint {emulator.GetTopicEndpoint(topic)} key {emulator.GetTopicKey(topic)}");
        }

        Console.WriteLine("Press Ctrl+C to stop.");
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM.
        }

        return 0;
    }

    private static void PrintAccepted(string topic, AcceptedEvent accepted) =>
        Console.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{accepted.AcceptedAt.ToLocalTime():HH:mm:ss.fff} {topic} {accepted.Type} {accepted.Id} {accepted.Subject}"));
}
