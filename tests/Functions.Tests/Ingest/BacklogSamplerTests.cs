using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using KadoaBridge.Core.ControlPlane;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Functions.Tests.Setup;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;

namespace KadoaBridge.Functions.Tests.Ingest;

/// <summary>
/// The backlog sampler never lets a failure escape its timer: whatever one read throws (storage unreachable, a reply it
/// cannot read) is logged with its exception, and the other queues are still sampled.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class BacklogSamplerTests(AzuriteFixture azurite)
{
    /// <summary>Event name of the sampler's "could not sample" log (LoggerMessage names an event after its method).</summary>
    private const string SampleFailed = "LogSampleFailed";

    [Fact]
    public async Task SampleAsync_StorageUnreachable_LogsEveryReadWithItsExceptionAndReturns()
    {
        // A port that was free a moment ago: nothing listens there, connections are refused. One retry, so the
        // SDK gives up at once with an AggregateException of both attempts (what an unreachable account throws).
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var storage = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Convert.ToBase64String(new byte[64])};" +
            $"BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
        var queues = new QueueServiceClient(storage, Fast(new QueueClientOptions()));
        var stranded = new StrandedItems(new BlobServiceClient(storage, Fast(new BlobClientOptions())), new TableServiceClient(storage, Fast(new TableClientOptions())));
        using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var metrics = new IngestMetrics(meters.GetRequiredService<IMeterFactory>());
        using var logs = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var sampler = new BacklogSampler(queues, stranded, metrics, TimeProvider.System, loggers.CreateLogger<BacklogSampler>());

        await sampler.SampleAsync(includeStranded: true, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        var failures = logs.Lines.Where(line => line.Contains($"[{SampleFailed}]", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, failures.Count); // each of the three queues, then the stranded items
        Assert.All(new[] { "ingress", "ingress-poison", "replay", "stranded items" }, what => Assert.Contains(failures, line => line.Contains($"What={what},", StringComparison.Ordinal)));
        Assert.All(failures, line => Assert.Matches(@"\| (System\.AggregateException|Azure\.RequestFailedException)", line)); // the exception itself, with its stack
    }

    [Fact]
    public async Task SampleAsync_OneQueueThrowsAnUnexpectedException_OtherQueuesStillSampled()
    {
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None };
        options.AddPolicy(new FailRequestsTo("/ingress-poison"), HttpPipelinePosition.PerCall);
        var queues = new QueueServiceClient(azurite.ConnectionString, options);
        foreach (var queue in new[] { "ingress", "replay" })
        {
            await queues.GetQueueClient(queue).CreateIfNotExistsAsync();
        }

        using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = meters.GetRequiredService<IMeterFactory>();
        using var metrics = new IngestMetrics(meterFactory);
        using var depth = new MetricCollector<long>(meterFactory, IngestMetrics.MeterName, "kadoa.queue.depth");
        using var logs = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var stranded = new StrandedItems(new BlobServiceClient(azurite.ConnectionString), new TableServiceClient(azurite.ConnectionString));
        var sampler = new BacklogSampler(queues, stranded, metrics, TimeProvider.System, loggers.CreateLogger<BacklogSampler>());

        await sampler.SampleAsync(includeStranded: false, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        depth.RecordObservableInstruments();

        Assert.Equal(["ingress", "replay"], depth.GetMeasurementSnapshot().Select(m => (string)m.Tags["queue"]!).Distinct().Order());
        var failure = Assert.Single(logs.Lines, line => line.Contains($"[{SampleFailed}]", StringComparison.Ordinal));
        Assert.Contains("What=ingress-poison,", failure, StringComparison.Ordinal);
        Assert.Contains("System.InvalidOperationException: unreadable reply", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SampleAsync_Cancelled_ThrowsCancellation()
    {
        using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var metrics = new IngestMetrics(meters.GetRequiredService<IMeterFactory>());
        var stranded = new StrandedItems(new BlobServiceClient(azurite.ConnectionString), new TableServiceClient(azurite.ConnectionString));
        var sampler = new BacklogSampler(new QueueServiceClient(azurite.ConnectionString), stranded, metrics, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<BacklogSampler>.Instance);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sampler.SampleAsync(includeStranded: true, new CancellationToken(canceled: true)));
    }

    private static T Fast<T>(T options)
        where T : ClientOptions
    {
        options.Retry.MaxRetries = 1;
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(1);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
        return options;
    }

    /// <summary>Throws what no storage call is expected to throw, for requests whose path ends with <paramref name="path"/>.</summary>
    private sealed class FailRequestsTo(string path) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Fail(message);
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Fail(message);
            return ProcessNextAsync(message, pipeline);
        }

        private void Fail(HttpMessage message)
        {
            if (message.Request.Uri.Path.EndsWith(path, StringComparison.Ordinal))
            {
                throw new InvalidOperationException("unreadable reply");
            }
        }
    }
}
