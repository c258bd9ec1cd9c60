using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Xunit.Abstractions;

namespace KadoaBridge.EventGridEmulator.Tests;

[Trait("Category", "Integration")]
public sealed class ConcurrencyTests(ITestOutputHelper output)
{
    private const int Batches = 300;
    private const int BatchSize = 100;

    [Fact]
    public async Task Publish_ConcurrentBatchesWhileATestReads_AcceptsEveryEventOnce()
    {
        await using var emulator = await TestSupport.StartAsync();
        var endpoint = new Uri(emulator.GetTopicEndpoint(TestSupport.Topic) + "?api-version=2018-01-01");
        var bodies = Enumerable.Range(0, Batches).Select(Batch).ToArray();
        using var client = new HttpClient();
        client.DefaultRequestHeaders.Add("aeg-sas-key", emulator.GetTopicKey(TestSupport.Topic));
        var next = -1;
        using (var warmUp = new StringContent("[" + TestSupport.EventJson("warm-up") + "]", Encoding.UTF8, "application/cloudevents-batch+json"))
        using (var warmed = await client.PostAsync(endpoint, warmUp))
        {
            Assert.Equal(HttpStatusCode.OK, warmed.StatusCode);
        }

        var stopwatch = Stopwatch.StartNew();

        async Task PublishAsync()
        {
            for (var i = Interlocked.Increment(ref next); i < Batches; i = Interlocked.Increment(ref next))
            {
                using var content = new ByteArrayContent(bodies[i]);
                content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/cloudevents-batch+json; charset=utf-8");
                using var response = await client.PostAsync(endpoint, content);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }

        async Task ReadAsync()
        {
            // A test reading while events flow: snapshots are O(1) and must not slow publishing down.
            var reads = 0;
            for (var snapshot = emulator.GetAccepted(TestSupport.Topic);
                 snapshot.Count <= Batches * BatchSize && reads++ < 100_000;
                 snapshot = emulator.GetAccepted(TestSupport.Topic))
            {
                _ = snapshot.Count > 0 ? snapshot[snapshot.Count - 1].Id : null;
                await Task.Yield();
            }
        }

        await Task.WhenAll(PublishAsync(), PublishAsync(), PublishAsync(), PublishAsync(), ReadAsync());
        await emulator.WaitForAcceptedAsync(TestSupport.Topic, (Batches * BatchSize) + 1, TestSupport.WaitTimeout);
        stopwatch.Stop();

        var perSecond = Batches * BatchSize / stopwatch.Elapsed.TotalSeconds;
        output.WriteLine($"{Batches * BatchSize} events in {stopwatch.Elapsed.TotalMilliseconds:F0} ms: {perSecond:F0} events/s");
        // A figure to read, not an assertion: timed assertions do not belong in tests (bench/ measures speed).
        var counts = emulator.GetAcceptedIdCounts(TestSupport.Topic);
        Assert.Equal((Batches * BatchSize) + 1, counts.Count);
        Assert.All(counts.Values, count => Assert.Equal(1, count));
    }

    private static byte[] Batch(int batch)
    {
        var builder = new StringBuilder("[");
        for (var i = 0; i < BatchSize; i++)
        {
            var id = $"b{batch}-{i}";
            builder.Append(i == 0 ? string.Empty : ",")
                .Append(TestSupport.EventJson(id, $"workflows/w1/changes/{id}", ",\"time\":\"2024-05-01T12:00:00.1234567Z\",\"teamid\":\"t1\",\"workflowid\":\"w1\""));
        }

        return Encoding.UTF8.GetBytes(builder.Append(']').ToString());
    }
}
