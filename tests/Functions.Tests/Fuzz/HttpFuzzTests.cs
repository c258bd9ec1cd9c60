using KadoaBridge.Fuzzing;

namespace KadoaBridge.Functions.Tests.Fuzz;

/// <summary>
/// The fast HTTP fuzz subset: 300 cases per function that reads a body or a query, through the function classes
/// against an Azurite of their own (no other test's history or poison), a fixed seed per run of the suite.
/// <c>bench fuzz</c> runs 100,000 per target.
/// </summary>
[Trait("Category", "Integration")]
public class HttpFuzzTests
{
    private const int Cases = 300;

    [Fact]
    public async Task HttpFunctions_RandomAndMutatedRequests_NeverFailAndEveryRejectionNamesItsField()
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            await using var host = await HttpFuzzHost.StartAsync(azurite.ConnectionString);
            var reports = new List<FuzzReport>();
            foreach (var target in HttpTargets.All(host))
            {
                reports.Add(await target.RunAsync(Cases, seed: 20261202, TimeSpan.FromSeconds(30), CancellationToken.None));
            }

            var failures = reports.Where(r => r.FailureCount > 0).SelectMany(r => r.Failures.Select(f => $"{r.Target}: {f}")).ToList();
            var exceptions = host.Logs.GetSnapshot().Where(r => r.Exception is not null).Select(r => $"{r.Message}: {r.Exception!.GetType().Name}: {r.Exception.Message}").Distinct().Take(10);
            Assert.True(failures.Count == 0, string.Join("\n", failures) + "\nlogged exceptions:\n" + string.Join("\n", exceptions));
            Assert.All(reports, r => Assert.True(r.Rejected > 0 && r.Accepted > 0, $"{r.Target}: {r.Rejected} rejected, {r.Accepted} accepted: the inputs miss a side"));
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }
}
