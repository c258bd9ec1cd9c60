using System.CommandLine;
using System.Globalization;

namespace KadoaBridge.Bench.Ingest;

/// <summary><c>bench -- ingest [events] [concurrency] [warm-up events]</c>: the ingest path in-process against Azurite, and Azurite's ceiling (<see cref="IngestBenchmark"/>).</summary>
internal sealed class IngestCommand : Command
{
    private readonly Argument<int> _events = Count("events", "New events (then as many duplicates).", 20_000, min: 1);

    private readonly Argument<int> _concurrency = Count("concurrency", "Events in flight, as the queue trigger runs them (host.json: 32 + 224).", 256, min: 1);

    private readonly Argument<int> _warmUp = Count("warm-up", "Warm-up events of its own first (at most the given count).", 15_000, min: 0);

    public IngestCommand()
        : base("ingest", "The ingest path in-process against Azurite, and Azurite's ceiling for its writes.")
    {
        Arguments.Add(_events);
        Arguments.Add(_concurrency);
        Arguments.Add(_warmUp);
        SetAction(parseResult => IngestBenchmark.RunAsync(parseResult.GetValue(_events), parseResult.GetValue(_concurrency), parseResult.GetValue(_warmUp)));
    }

    /// <summary>A whole number of at least <paramref name="min"/>, checked while it is parsed so the error names the argument.</summary>
    private static Argument<int> Count(string name, string description, int defaultValue, int min) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min)
            {
                return value;
            }

            result.AddError(string.Create(CultureInfo.InvariantCulture, $"ingest's <{name}> must be a whole number of at least {min} (got '{text}')."));
            return default;
        },
    };
}
