using System.Collections.Concurrent;
using System.Threading.Channels;

namespace KadoaBridge.EventGridEmulator;

/// <summary>
/// One subscription's delivery: a bounded queue filled on acceptance and <see cref="SubscriptionOptions.MaxConcurrentDeliveries"/>
/// loops that deliver each event with retries (at least once, unordered), then record it delivered or dead-lettered.
/// </summary>
internal sealed class SubscriptionDispatcher
{
    private readonly Channel<AcceptedEvent> _queue;
    private readonly IEventDestination _destination;
    private readonly DeadLetterBlobWriter? _deadLetterBlob;
    private readonly int _maxAttempts;
    private readonly TimeSpan _initialRetryDelay;
    private readonly TimeSpan _deliveryTimeout;
    private readonly int _concurrency;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ConcurrentQueue<DeliveryAttempt> _attempts = new();
    private readonly ConcurrentQueue<DeadLetteredEvent> _deadLettered = new();
    private Task _completion = Task.CompletedTask;

    public SubscriptionDispatcher(
        string topic, SubscriptionOptions options, IEventDestination destination, DeadLetterBlobWriter? deadLetterBlob, TimeProvider timeProvider, ILogger logger)
    {
        Name = options.Name;
        Topic = topic;
        Filter = new SubscriptionFilter(options.SubjectBeginsWith, options.SubjectEndsWith, options.IncludedEventTypes);
        _destination = destination;
        _deadLetterBlob = deadLetterBlob;
        _maxAttempts = options.MaxDeliveryAttempts;
        _initialRetryDelay = options.InitialRetryDelay;
        _deliveryTimeout = options.DeliveryTimeout;
        _concurrency = options.MaxConcurrentDeliveries;
        _timeProvider = timeProvider;
        _logger = logger;
        _queue = Channel.CreateBounded<AcceptedEvent>(new BoundedChannelOptions(options.MaxQueuedEvents)
        {
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public string Name { get; }

    public string Topic { get; }

    public SubscriptionFilter Filter { get; }

    public CountSignal Delivered { get; } = new();

    public CountSignal DeadLettered { get; } = new();

    public IReadOnlyList<DeliveryAttempt> Attempts => [.. _attempts];

    public IReadOnlyList<DeadLetteredEvent> DeadLetters => [.. _deadLettered];

    public void Start(CancellationToken stopping) =>
        _completion = Task.WhenAll(Enumerable.Range(0, _concurrency).Select(_ => RunAsync(stopping)));

    /// <summary>Queues an accepted event; waits for room when the queue is full. Does nothing once stopped.</summary>
    public async ValueTask EnqueueAsync(AcceptedEvent cloudEvent, CancellationToken cancellationToken)
    {
        if (_queue.Writer.TryWrite(cloudEvent))
        {
            return;
        }

        try
        {
            await _queue.Writer.WriteAsync(cloudEvent, cancellationToken);
        }
        catch (ChannelClosedException)
        {
            // Stopped: the emulator is being disposed.
        }
    }

    /// <summary>Stops taking events; the loops end once <c>stopping</c> is cancelled or the queue is drained.</summary>
    public async Task StopAsync()
    {
        _queue.Writer.TryComplete();
        await _completion;
        (_destination as IDisposable)?.Dispose();
        _deadLetterBlob?.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var cloudEvent in _queue.Reader.ReadAllAsync(stopping))
            {
                await DeliverAsync(cloudEvent, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Disposed: events still queued or between retries are dropped with the emulator.
        }
    }

    private async Task DeliverAsync(AcceptedEvent cloudEvent, CancellationToken stopping)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await AttemptAsync(cloudEvent, attempt, stopping);
            _attempts.Enqueue(new DeliveryAttempt(cloudEvent.Id, attempt, result.Succeeded, result.StatusCode, result.Error, _timeProvider.GetUtcNow()));
            if (result.Succeeded)
            {
                Delivered.Add(1);
                return;
            }

            if (!result.Retryable || attempt >= _maxAttempts)
            {
                await DeadLetterAsync(cloudEvent, attempt, result, stopping);
                return;
            }

            var delay = RetrySchedule.DelayAfter(attempt, _initialRetryDelay);
            Log.DeliveryAttemptFailed(_logger, cloudEvent.Id, Name, attempt, result.StatusCode, result.Error, delay, result.Exception);
            await Task.Delay(delay, _timeProvider, stopping);
        }
    }

    /// <summary>Records the event as dead-lettered (in memory, and in the blob container when configured), then signals it.</summary>
    private async Task DeadLetterAsync(AcceptedEvent cloudEvent, int attempt, DeliveryResult result, CancellationToken stopping)
    {
        var reason = result.Retryable
            ? $"Max delivery attempts ({_maxAttempts}) reached; last error: {result.Error}"
            : $"Status {result.StatusCode} is not retried; {result.Error}";
        var deadLettered = new DeadLetteredEvent(cloudEvent, attempt, result.StatusCode, reason, _timeProvider.GetUtcNow())
        {
            ReasonCode = result.Retryable ? "MaxDeliveryAttemptsExceeded" : "UndeliverableDueToHttp" + result.Outcome,
            LastDeliveryOutcome = result.Outcome,
        };
        if (_deadLetterBlob is not null)
        {
            try
            {
                deadLettered = deadLettered with { BlobName = await _deadLetterBlob.WriteAsync(Topic, Name, deadLettered, stopping) };
            }
            catch (Exception exception) when (exception is Azure.RequestFailedException or HttpRequestException)
            {
                // Event Grid keeps trying the dead-letter destination for a while, then drops the event; the emulator keeps it in memory.
                Log.DeadLetterWriteFailed(_logger, exception, cloudEvent.Id, Name, _deadLetterBlob.ContainerName);
            }
        }

        _deadLettered.Enqueue(deadLettered);
        DeadLettered.Add(1);
        Log.DeadLettered(_logger, cloudEvent.Id, Name, attempt, reason);
    }

    private async Task<DeliveryResult> AttemptAsync(AcceptedEvent cloudEvent, int attempt, CancellationToken stopping)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(_deliveryTimeout);
        try
        {
            return await _destination.DeliverAsync(cloudEvent, attempt, timeout.Token);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return DeliveryResult.Failure(null, $"No answer within {_deliveryTimeout}.") with { TimedOut = true };
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A destination bug costs one failed attempt, not the delivery loop.
            Log.DeliveryCrashed(_logger, exception, cloudEvent.Id, Name, attempt);
            return DeliveryResult.Failure(null, $"{exception.GetType().Name}: {exception.Message}", exception);
        }
    }
}
