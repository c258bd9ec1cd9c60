using System.Globalization;

namespace KadoaBridge.Bench.Soak;

/// <summary>Prints a <see cref="SoakResult"/> as Markdown tables: deliveries per destination, leftovers, and the faults with their windows.</summary>
public static class SoakReport
{
    public static void Print(SoakResult result, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        var o = result.Options;
        var first = result.Faults.Count > 0 ? result.Faults[0].Start : DateTimeOffset.UtcNow;
        output.WriteLine(Invariant($"\nSoak of {o.Minutes} min at {o.Rate}/s with bursts of {o.Burst}, seed {o.Seed}: {result.Emitted} changes emitted; drain {(result.Drain.Complete ? "complete" : "incomplete")} after {result.Drain.Took.TotalSeconds:F0} s ({result.Drain.Reason})."));
        output.WriteLine(Invariant($"Ingress topic: {result.IngressAccepted} events accepted, {result.IngressDistinct} distinct ids; emitted but never accepted at ingress: {result.NeverReachedIngress}. History holds {result.InHistory} of the {result.Emitted} emitted changes.\n"));
        output.WriteLine("| destination | expected | delivered | lost | duplicate ids (extra copies) | duplicates by fault (second copy arrived during or after) | misrouted |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | --- | ---: |");
        foreach (var d in result.Destinations)
        {
            var byFault = d.DuplicatesByFault.Count == 0 ? "-" : string.Join(", ", d.DuplicatesByFault.OrderByDescending(p => p.Value).Select(p => Invariant($"{p.Key}: {p.Value}")));
            output.WriteLine(Invariant($"| {d.Name} | {d.Expected} | {d.Delivered} | {d.Lost} | {d.DuplicateIds} ({d.ExtraCopies}) | {byFault} | {d.Unexpected} |"));
        }

        foreach (var d in result.Destinations.Where(d => d.Duplicates.Count > 0))
        {
            output.WriteLine(Invariant($"Duplicates at {d.Name} (first copy → second copy, s from the first fault), first 5 of {d.Duplicates.Count}: ") + string.Join("; ", d.Duplicates.Take(5).Select(x =>
                Invariant($"{x.Id} {(x.FirstAt - first).TotalSeconds:F1} → {(x.SecondAt - first).TotalSeconds:F1}"))));
        }

        var l = result.Leftovers;
        output.WriteLine(Invariant($"\nUnexplained leftovers: {l.Total} (poison blobs {l.PoisonBlobs}, ingress-poison queue {l.PoisonQueue}, ingress queue {l.IngressQueue}, deliveries failed {l.FailedDeliveries}, dead-lettered {l.DeadLetteredDeliveries}, quarantined frames {l.Quarantined}, ingress dead letters {l.IngressDeadLetters})."));
        output.WriteLine(Invariant($"Lost: {result.Lost.Count}."));
        foreach (var group in result.Lost.GroupBy(x => (x.Destination, x.ReachedIngress, x.InHistory, x.DeliveryState)))
        {
            var sample = group.First();
            output.WriteLine(Invariant(
                $"  {group.Count()} to {group.Key.Destination}: reached ingress {group.Key.ReachedIngress}, in history {group.Key.InHistory}, delivery row {group.Key.DeliveryState ?? "none"}; e.g. {sample.Id} ({sample.WorkflowId}) emitted at +{(sample.EmittedAt - first).TotalSeconds:F1} s"));
        }

        output.WriteLine("\n| fault | window (s from the first fault) | happened | evidence |");
        output.WriteLine("| --- | --- | --- | --- |");
        foreach (var f in result.Faults)
        {
            output.WriteLine(Invariant($"| {f.Name} | {(f.Start - first).TotalSeconds:F1} – {(f.End - first).TotalSeconds:F1} | {(f.Happened ? "yes" : "NO")} | {f.Evidence} |"));
        }

        output.WriteLine($"\nLog (every process's output, each fault): {Path.Combine(result.Directory, "soak.log")}");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
