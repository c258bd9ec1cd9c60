using System.Threading.Channels;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.EventGrid;
using KadoaBridge.Core.Kadoa;
using KadoaBridge.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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

    private readonly ForwardingOptions _options = options.Value;
    private readonly Channel<ForwardItem> _received = Channel.CreateUnbounded<ForwardItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<ForwardItem[]> _published = Channel.CreateUnbounded<ForwardItem[]>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly Channel<string> _acknowledging = Channel.CreateBounded<string>(new BoundedChannelOptions(options.Value.MaxInflightEvents) { SingleWriter = true });

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
    /// Retries an operation that already had the SDK's retries, with exponential backoff, until it succeeds: the
    /// pipeline never drops what it accepted. The wait is what keeps memory bounded (the receiver pauses meanwhile).
    /// </summary>
    private async Task RetryUntilDoneAsync(Func<CancellationToken, Task> operation, string stage, CancellationToken cancellationToken)
    {
        var delay = _options.RetryMinDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await operation(cancellationToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (e is Azure.RequestFailedException or HttpRequestException or TimeoutException or OperationCanceledException)
                {
                    Log.StageFailed(logger, stage, attempt, delay, e.GetType().Name, Describe(e));
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

                state.OnStageFailure(stage, Describe(e));

                await Task.Delay(delay, time, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.RetryMaxDelay.Ticks));
            }
        }
    }

    /// <summary>An exception's message without anything that could carry a secret (Azure messages carry no keys; URLs with tokens never reach here).</summary>
    private static string Describe(Exception exception) => exception is Azure.RequestFailedException r
        ? $"{r.Status} {r.ErrorCode}"
        : exception.Message.Length > 300 ? exception.Message[..300] : exception.Message;
}
