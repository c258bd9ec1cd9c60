using System.Threading.Channels;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.EventGrid;
using KadoaBridge.Core.Kadoa;
using KadoaBridge.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace KadoaBridge.Core.Forwarding;

/// <summary>
/// Everything after a frame is received, in three stages connected by channels:
/// publish (claim-check → quarantine or publish to the ingress topic), checkpoint (advance the stored cursor, free the
/// in-flight budget), acknowledge (ack each delivery to Kadoa). Nothing is acknowledged or checkpointed before
/// Event Grid accepted it; while Event Grid or storage fails, stages retry and the budget stops the receiver.
/// </summary>
public sealed partial class ForwardingPipeline(
    IngressPublisher publisher,
    ClaimCheckStore claimChecks,
    QuarantineStore quarantine,
    CheckpointStore checkpoints,
    KadoaAckClient acks,
    ListenerMetrics metrics,
    ListenerState state,
    IOptions<ForwardingOptions> options,
    TimeProvider time,
    ILogger<ForwardingPipeline> logger)
{
    private const string PublishStage = "publish";

    /// <summary>The stage a retried operation belongs to, for the log, the metrics and the status.</summary>
    private static readonly ResiliencePropertyKey<string> StageKey = new("kadoa.forwarding.stage");

    private readonly ForwardingOptions _options = options.Value;
    private readonly Channel<ForwardItem> _received = Channel.CreateUnbounded<ForwardItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<ForwardItem[]> _published = Channel.CreateUnbounded<ForwardItem[]>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly Channel<string> _acknowledging = Channel.CreateBounded<string>(new BoundedChannelOptions(options.Value.MaxInflightEvents) { SingleWriter = true });
    private ResiliencePipeline? _retry; // built on first use: a field initializer cannot reach the instance's logger and state

    /// <summary>What the pipeline holds; the receiver stops reading when it is spent.</summary>
    public InflightBudget Budget { get; } = new(options.Value.MaxInflightEvents, options.Value.MaxInflightBytes);

    /// <summary>Accepts an item in arrival order; false when the in-flight budget is spent (the caller stops reading).</summary>
    public bool TryEnqueue(ForwardItem item)
    {
        if (!Budget.TryReserve(item.Bytes))
        {
            return false;
        }

        _received.Writer.TryWrite(item);
        return true;
    }

    /// <summary>Creates the tables and container the pipeline writes to (idempotent).</summary>
    public async Task PrepareStorageAsync(CancellationToken cancellationToken)
    {
        await checkpoints.EnsureCreatedAsync(cancellationToken);
        await quarantine.EnsureCreatedAsync(cancellationToken);
        await claimChecks.EnsureCreatedAsync(cancellationToken);
    }

    /// <summary>Runs the three stages until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(PublishLoopAsync(cancellationToken), CheckpointLoopAsync(cancellationToken), AcknowledgeLoopAsync(cancellationToken));
    }

    /// <summary>
    /// Retries an operation that already had the SDK's retries until it succeeds: the pipeline never drops what it
    /// accepted. The wait is what keeps memory bounded (the receiver pauses meanwhile). Each failed attempt is logged with
    /// its exception, counted and shown in the status before the wait (<see cref="OnStageFailed"/>).
    /// </summary>
    private async Task RetryUntilDoneAsync(Func<CancellationToken, Task> operation, string stage, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(StageKey, stage);
        try
        {
            await (_retry ??= CreateRetry()).ExecuteAsync(static (ctx, op) => new ValueTask(op(ctx.CancellationToken)), context, operation);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// Retry forever, waiting <see cref="ForwardingOptions.RetryMinDelay"/> doubling up to
    /// <see cref="ForwardingOptions.RetryMaxDelay"/> with jitter (Polly's decorrelated jitter around that curve, so
    /// replicas that failed together do not retry in step), on the injected clock. Any exception is retried except our
    /// own cancellation.
    /// </summary>
    private ResiliencePipeline CreateRetry() => new ResiliencePipelineBuilder { TimeProvider = time }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(
                args.Outcome.Exception is { } e && (e is not OperationCanceledException || !args.Context.CancellationToken.IsCancellationRequested)),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = _options.RetryMinDelay,
            MaxDelay = _options.RetryMaxDelay,
            OnRetry = args =>
            {
                OnStageFailed(args.Context.Properties.GetValue(StageKey, "unknown"), args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception!);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    private void OnStageFailed(string stage, int attempt, TimeSpan delay, Exception e)
    {
        if (e is Azure.RequestFailedException or HttpRequestException or TimeoutException or OperationCanceledException)
        {
            Log.StageFailed(logger, stage, attempt, delay, e);
        }
        else
        {
            metrics.OnUnexpectedFault();
            Log.StageFaulted(logger, stage, attempt, delay, e);
        }

        if (stage == PublishStage)
        {
            metrics.OnPublishFailed();
        }

        state.OnStageFailure(stage, Failures.Describe(e));
    }
}
