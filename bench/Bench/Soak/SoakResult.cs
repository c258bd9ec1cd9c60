namespace KadoaBridge.Bench.Soak;

/// <summary>What a soak found. <see cref="ExitCode"/> is 1 when any expected delivery was lost.</summary>
public sealed record SoakResult(
    SoakOptions Options,
    int Emitted,
    int IngressAccepted,
    int IngressDistinct,
    int NeverReachedIngress,
    int InHistory,
    IReadOnlyList<DestinationFigures> Destinations,
    IReadOnlyList<LostDelivery> Lost,
    Leftovers Leftovers,
    IReadOnlyList<SoakFault> Faults,
    DrainOutcome Drain,
    string Directory)
{
    public int ExitCode => Lost.Count == 0 ? 0 : 1;
}

/// <summary>One destination topic: how many changes its rules chose, how many arrived, and the repeats.</summary>
/// <param name="DuplicateIds">Ids the topic accepted more than once.</param>
/// <param name="ExtraCopies">Copies beyond the first, over all ids.</param>
/// <param name="DuplicatesByFault">Duplicate ids by the fault whose window was active (or most recent) when the second copy arrived.</param>
/// <param name="Unexpected">Ids the topic accepted that its rules did not choose (misrouted).</param>
/// <param name="Duplicates">Each duplicate id with when its first and second copies arrived and the fault it is put down to.</param>
public sealed record DestinationFigures(
    string Name, int Expected, int Delivered, int Lost, int DuplicateIds, int ExtraCopies, IReadOnlyDictionary<string, int> DuplicatesByFault, int Unexpected,
    IReadOnlyList<DuplicateDelivery> Duplicates);

/// <summary>An id a destination accepted more than once.</summary>
public sealed record DuplicateDelivery(string Id, DateTimeOffset FirstAt, DateTimeOffset SecondAt, string Cause);

/// <summary>An expected delivery that never arrived, with where the change got to.</summary>
/// <param name="DeliveryState">Its row in the failed or dead-letter index of <c>Deliveries</c>, if any.</param>
public sealed record LostDelivery(string Id, string WorkflowId, string Destination, DateTimeOffset EmittedAt, bool ReachedIngress, bool InHistory, string? DeliveryState);

/// <summary>Items that sit where nobody would see them without looking: poison, dead letters, quarantine, undelivered messages.</summary>
public sealed record Leftovers(
    int PoisonBlobs, int PoisonQueue, int IngressQueue, int FailedDeliveries, int DeadLetteredDeliveries, int Quarantined, int IngressDeadLetters)
{
    public int Total => PoisonBlobs + PoisonQueue + IngressQueue + FailedDeliveries + DeadLetteredDeliveries + Quarantined + IngressDeadLetters;
}
