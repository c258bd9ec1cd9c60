namespace KadoaBridge.Infra.Tests;

/// <summary>Exit code and output of one Bicep CLI run; diagnostics are read from both streams.</summary>
internal sealed record BicepRun(int ExitCode, string StandardOutput, string StandardError)
{
    public IReadOnlyList<BicepDiagnostic> Diagnostics => BicepDiagnostic.ParseAll(StandardError + "\n" + StandardOutput);
}
