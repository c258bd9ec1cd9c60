using System.Globalization;
using System.Runtime.InteropServices;

namespace KadoaBridge.EventGridEmulator;

/// <summary>Standalone host: <c>dotnet run --project tools/EventGridEmulator -- --help</c>.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (StandaloneArguments.TryParse(args, out var arguments) is { } problem)
        {
            await Console.Error.WriteLineAsync(problem + Environment.NewLine + Environment.NewLine + StandaloneArguments.Usage);
            return 2;
        }

        if (arguments.ShowHelp)
        {
            Console.WriteLine(StandaloneArguments.Usage);
            return 0;
        }

        var options = arguments.ToOptions();
        options.ConfigureLogging = logging => logging
            .AddSimpleConsole(console => console.SingleLine = true)
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("Microsoft", LogLevel.Warning);
        if (!arguments.Quiet)
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
        foreach (var (topic, destination) in arguments.QueueSubscriptions)
        {
            emulator.AddSubscription(topic, new SubscriptionOptions { Name = $"{topic}-queue-{++number}", StorageQueue = destination });
        }

        foreach (var (topic, destination) in arguments.WebhookSubscriptions)
        {
            emulator.AddSubscription(topic, new SubscriptionOptions { Name = $"{topic}-webhook-{++number}", Webhook = destination });
        }

        foreach (var topic in arguments.Topics)
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
