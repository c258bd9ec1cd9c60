using CsCheck;

namespace KadoaBridge.Fuzzing;

/// <summary>
/// The fast fuzz subset (issue #11 "Fuzzing"): 3,000 generated cases per reader on every run (CsCheck: a failure is
/// shrunk and printed with its seed). <c>dotnet run -c Release --project bench/Bench -- fuzz</c> runs 100,000 per target.
/// </summary>
public class ReaderFuzzTests
{
    private const int Cases = 3_000;

    [Fact]
    public void Frame_RandomAndMutatedFrames_DecodeOrNameWhatIsWrong() => Sample(ReaderTargets.Frame);

    [Fact]
    public void Setup_RandomAndMutatedBodies_AcceptedOrRejectedNamingTheField() => Sample(ReaderTargets.Setup);

    [Fact]
    public void SetupTest_RandomAndMutatedBodies_AcceptedOrRejectedNamingTheField() => Sample(ReaderTargets.SetupTest);

    [Fact]
    public void Routes_RandomAndMutatedRules_AcceptedOrRejectedNamingThePath() => Sample(ReaderTargets.Routes);

    [Fact]
    public void DryRun_RandomAndMutatedBodies_AcceptedOrRejectedNamingThePath() => Sample(ReaderTargets.DryRun);

    [Fact]
    public void Replay_RandomAndMutatedBodies_AcceptedOrRejectedNamingTheField() => Sample(ReaderTargets.Replay);

    [Fact]
    public void Changes_RandomAndMutatedQueries_AcceptedOrRejectedNamingTheParameter() => Sample(ReaderTargets.Changes);

    [Fact]
    public void RecoveryMax_RandomAndMutatedQueriesAndBodies_AcceptedOrRejectedNamingTheField() => Sample(ReaderTargets.RecoveryMax);

    [Fact]
    public void RecoveryPage_RandomAndMutatedQueries_AcceptedOrRejectedNamingTheParameter() => Sample(ReaderTargets.RecoveryPage);

    private static void Sample<T>(FuzzTarget<T> target) => target.Input.Sample(target.Assert, iter: Cases, threads: 1);
}
