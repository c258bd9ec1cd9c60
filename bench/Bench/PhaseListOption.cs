using System.CommandLine;

namespace KadoaBridge.Bench;

/// <summary><c>--phases a,b,…</c>: phase names in run order, each checked while the command line is parsed.</summary>
internal static class PhaseListOption
{
    /// <param name="isKnown">Whether a name is a phase.</param>
    /// <param name="known">The phases in words, for the error.</param>
    public static Option<IReadOnlyList<string>> Create(string description, IReadOnlyList<string> defaults, Func<string, bool> isKnown, string known) => new("--phases")
    {
        Description = description,
        HelpName = "list",
        DefaultValueFactory = _ => defaults,
        CustomParser = result =>
        {
            var phases = result.Tokens[0].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var unknown in phases.Where(phase => !isKnown(phase)))
            {
                result.AddError($"--phases: unknown phase '{unknown}': {known}.");
            }

            return phases;
        },
    };
}
