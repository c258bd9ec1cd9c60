using System.Buffers;

namespace KadoaBridge.EventGridEmulator;

/// <summary>
/// <c>POST /topics/{topic}/api/events?api-version=...</c>: Event Grid's publish API for a custom topic with the
/// CloudEvents 1.0 input schema (https://learn.microsoft.com/azure/event-grid/post-to-custom-topic).
/// Order of checks: topic, injected fault, authentication, api-version, content type, size, events.
/// </summary>
internal sealed class PublishHandler(
    IReadOnlyDictionary<string, TopicState> topics,
    Action<string, AcceptedEvent>? eventAccepted,
    TimeProvider timeProvider,
    ILogger logger,
    CancellationToken stopping)
{
    private long _totalRequests;

    public long TotalRequests => Interlocked.Read(ref _totalRequests);

    public async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _totalRequests);
        context.Response.Headers["x-ms-request-id"] = Guid.NewGuid().ToString();
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            await PublishAsync(context, aborted.Token);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away or the emulator is stopping: nothing to answer.
        }
    }

    private async Task PublishAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var topicName = request.RouteValues["topic"] as string ?? string.Empty;
        if (!topics.TryGetValue(topicName, out var topic))
        {
            await RejectAsync(context, topicName, EventGridError.NotFound(topicName), cancellationToken);
            return;
        }

        if (topic.Faults.TryTake() is { } fault)
        {
            if (fault.Delay is { } delay && delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, timeProvider, cancellationToken);
            }

            if (fault.StatusCode >= 300)
            {
                PublishRequest.WriteRetryAfter(context.Response, fault.RetryAfter);
                await RejectAsync(context, topic.Name, EventGridError.Injected(fault), cancellationToken);
                return;
            }
        }

        if (!PublishRequest.IsAuthorized(request, topic))
        {
            await RejectAsync(context, topic.Name, EventGridError.Unauthorized(topic.Name), cancellationToken);
            return;
        }

        if (string.IsNullOrEmpty(request.Query["api-version"]))
        {
            var missing = EventGridError.BadRequest("The api-version query parameter (?api-version=) is required for all requests, e.g. ?api-version=2018-01-01.", "ApiVersionMissing");
            await RejectAsync(context, topic.Name, missing, cancellationToken);
            return;
        }

        if (PublishRequest.ReadContentType(request.ContentType, out var isBatch) is { } contentTypeProblem)
        {
            await RejectAsync(context, topic.Name, EventGridError.BadRequest(contentTypeProblem, "UnsupportedContentType"), cancellationToken);
            return;
        }

        var accepted = new List<AcceptedEvent>();
        var (buffer, length, tooLarge) = await PublishRequest.ReadBodyAsync(request, cancellationToken);
        EventGridError? rejected;
        try
        {
            rejected = tooLarge
                ? EventGridError.TooLarge($"The request body exceeds the maximum of {CloudEventBatchReader.MaxBytes} bytes (1 MB) per publish request.")
                : CloudEventBatchReader.Read(buffer.AsMemory(0, length), isBatch, timeProvider, accepted);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (rejected is not null)
        {
            await RejectAsync(context, topic.Name, rejected, cancellationToken);
            return;
        }

        topic.Accepted.Append(accepted);
        if (eventAccepted is not null)
        {
            foreach (var cloudEvent in accepted)
            {
                eventAccepted(topic.Name, cloudEvent);
            }
        }

        foreach (var subscription in topic.Subscriptions)
        {
            foreach (var cloudEvent in accepted)
            {
                if (subscription.Filter.Matches(cloudEvent))
                {
                    await subscription.EnqueueAsync(cloudEvent, cancellationToken);
                }
            }
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentLength = 0;
    }

    private async Task RejectAsync(HttpContext context, string topic, EventGridError error, CancellationToken cancellationToken)
    {
        Log.PublishRejected(logger, topic, error.StatusCode, error.Code, error.Message);
        await error.WriteAsync(context.Response, cancellationToken);
    }
}
