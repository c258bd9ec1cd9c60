using KadoaBridge.KadoaSimulator;
using Xunit.Abstractions;

namespace KadoaBridge.Listener.Tests;

/// <summary>Loss and duplicate accounting for end-to-end tests: which CloudEvent ids arrived and how often.</summary>
public static class Delivery
{
    /// <summary>The CloudEvent id the contract gives a simulated event: the change id, else the delivery id.</summary>
    public static string ExpectedId(SimulatedEvent e) => e.ChangeId ?? e.DeliveryId;

    /// <summary>Asserts every expected id arrived (no loss) and nothing unexpected did; returns the duplicate count and reports it.</summary>
    public static int AssertNoLoss(IEnumerable<string> expectedIds, IReadOnlyDictionary<string, int> arrived, ITestOutputHelper output, string scenario)
    {
        var expected = expectedIds.ToHashSet(StringComparer.Ordinal);
        var lost = expected.Where(id => !arrived.ContainsKey(id)).ToList();
        var unexpected = arrived.Keys.Where(id => !expected.Contains(id)).ToList();
        var duplicates = arrived.Values.Sum(count => count - 1);
        output.WriteLine($"{scenario}: expected {expected.Count} ids, arrived {arrived.Count} distinct in {arrived.Values.Sum()} deliveries, lost {lost.Count}, duplicates {duplicates}");
        Assert.True(lost.Count == 0, $"{lost.Count} ids never arrived, e.g. {string.Join(", ", lost.Take(5))}");
        Assert.True(unexpected.Count == 0, $"{unexpected.Count} unexpected ids arrived, e.g. {string.Join(", ", unexpected.Take(5))}");
        return duplicates;
    }

    /// <summary>True once every emitted event's id has arrived at least once.</summary>
    public static bool ExpectedIdsArrived(IReadOnlyList<SimulatedEvent> emitted, IReadOnlyDictionary<string, int> arrived)
    {
        lock (emitted)
        {
            return emitted.All(e => arrived.ContainsKey(ExpectedId(e)));
        }
    }

    /// <summary>Asserts every expected id arrived exactly once.</summary>
    public static void AssertExactlyOnce(IEnumerable<string> expectedIds, IReadOnlyDictionary<string, int> arrived, ITestOutputHelper output, string scenario)
    {
        var duplicates = AssertNoLoss(expectedIds, arrived, output, scenario);
        Assert.Equal(0, duplicates);
    }
}
