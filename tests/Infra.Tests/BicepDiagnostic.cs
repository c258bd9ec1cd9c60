using System.Text.RegularExpressions;

namespace KadoaBridge.Infra.Tests;

/// <summary>One line of Bicep CLI diagnostics: <c>path(line,col) : Level code: message [link]</c>.</summary>
internal sealed partial record BicepDiagnostic(string File, int Line, string Level, string Code, string Message)
{
    public bool IsError => Level == "Error";

    public static IReadOnlyList<BicepDiagnostic> ParseAll(string output) =>
        [.. output.Split('\n').Select(l => Pattern().Match(l.TrimEnd())).Where(m => m.Success).Select(m => new BicepDiagnostic(
            m.Groups["file"].Value,
            int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
            m.Groups["level"].Value,
            m.Groups["code"].Value,
            m.Groups["message"].Value))];

    public override string ToString() => $"{System.IO.Path.GetFileName(File)}({Line}) {Level} {Code}: {Message}";

    [GeneratedRegex(@"^(?<file>.+)\((?<line>\d+),\d+\) : (?<level>Error|Warning|Info) (?<code>[\w-]+): (?<message>.*)$")]
    private static partial Regex Pattern();
}
