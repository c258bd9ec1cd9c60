namespace KadoaBridge.EventGridEmulator;

/// <summary>Event subscriptions: push delivery to Storage queues and webhooks.</summary>
public sealed partial class EventGridEmulator
{
    /// <summary>
    /// Adds an event subscription to <paramref name="topic"/>. Events accepted from now on that match its filters are
    /// delivered in the background, at least once, with retries and dead-lettering.
    /// </summary>
    public void AddSubscription(string topic, SubscriptionOptions subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        var state = GetTopic(topic);
        ValidateSubscription(subscription);
        IEventDestination destination = subscription.StorageQueue is { } queue
            ? new StorageQueueEventDestination(queue)
            : new WebhookEventDestination(_webhookClient, subscription.Webhook!.Endpoint, subscription.Name);
        var deadLetterBlob = subscription.DeadLetterBlob is { } deadLetters ? new DeadLetterBlobWriter(deadLetters) : null;
        var dispatcher = new SubscriptionDispatcher(state.Name, subscription, destination, deadLetterBlob, _timeProvider, _logger);
        if (!_subscriptions.TryAdd(subscription.Name, dispatcher))
        {
            (destination as IDisposable)?.Dispose();
            deadLetterBlob?.Dispose();
            throw new ArgumentException($"A subscription named '{subscription.Name}' already exists.", nameof(subscription));
        }

        dispatcher.Start(_stopping.Token);
        state.Add(dispatcher);
        var description = (subscription.StorageQueue is { } q ? $"Storage queue '{q.QueueName}'" : $"webhook {subscription.Webhook!.Endpoint}")
            + (subscription.DeadLetterBlob is { } d ? $", dead letters to blob container '{d.ContainerName}'" : string.Empty);
        Log.SubscriptionAdded(_logger, subscription.Name, state.Name, description);
    }

    /// <summary>Every delivery attempt of the subscription so far, in the order they finished.</summary>
    public IReadOnlyList<DeliveryAttempt> GetDeliveryAttempts(string subscriptionName) => GetSubscription(subscriptionName).Attempts;

    /// <summary>The events the subscription gave up on, also those written to its <see cref="SubscriptionOptions.DeadLetterBlob"/> container.</summary>
    public IReadOnlyList<DeadLetteredEvent> GetDeadLettered(string subscriptionName) => GetSubscription(subscriptionName).DeadLetters;

    /// <summary>Completes when the subscription delivered at least <paramref name="count"/> events successfully; else <see cref="TimeoutException"/>.</summary>
    public Task WaitForDeliveredAsync(string subscriptionName, int count, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        GetSubscription(subscriptionName).Delivered.WaitAsync(count, timeout, $"delivered events on subscription '{subscriptionName}'", cancellationToken);

    /// <summary>Completes when the subscription dead-lettered at least <paramref name="count"/> events; else <see cref="TimeoutException"/>.</summary>
    public Task WaitForDeadLetteredAsync(string subscriptionName, int count, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        GetSubscription(subscriptionName).DeadLettered.WaitAsync(count, timeout, $"dead-lettered events on subscription '{subscriptionName}'", cancellationToken);

    private SubscriptionDispatcher GetSubscription(string subscriptionName)
    {
        ArgumentNullException.ThrowIfNull(subscriptionName);
        return _subscriptions.TryGetValue(subscriptionName, out var dispatcher)
            ? dispatcher
            : throw new ArgumentException($"Unknown subscription '{subscriptionName}'.", nameof(subscriptionName));
    }

    private static void ValidateSubscription(SubscriptionOptions subscription)
    {
        string? problem = null;
        if (string.IsNullOrWhiteSpace(subscription.Name))
        {
            problem = "Name is required.";
        }
        else if ((subscription.StorageQueue is null) == (subscription.Webhook is null))
        {
            problem = "set exactly one destination: StorageQueue or Webhook.";
        }
        else if (subscription.Webhook is { } webhook && (!webhook.Endpoint.IsAbsoluteUri || webhook.Endpoint.Scheme is not ("http" or "https")))
        {
            problem = "Webhook.Endpoint must be an absolute http or https URL.";
        }
        else if (subscription.StorageQueue is { } queue && (string.IsNullOrEmpty(queue.ConnectionString) || string.IsNullOrEmpty(queue.QueueName)))
        {
            problem = "StorageQueue needs a ConnectionString and a QueueName.";
        }
        else if (subscription.DeadLetterBlob is { } deadLetters && (string.IsNullOrEmpty(deadLetters.ConnectionString) || string.IsNullOrEmpty(deadLetters.ContainerName)))
        {
            problem = "DeadLetterBlob needs a ConnectionString and a ContainerName.";
        }
        else if (subscription.MaxDeliveryAttempts is < 1 or > 30)
        {
            problem = "MaxDeliveryAttempts must be 1 to 30 (Event Grid's range).";
        }
        else if (subscription.InitialRetryDelay < TimeSpan.Zero || subscription.DeliveryTimeout <= TimeSpan.Zero)
        {
            problem = "InitialRetryDelay must not be negative and DeliveryTimeout must be positive.";
        }
        else if (subscription.MaxQueuedEvents < 1 || subscription.MaxConcurrentDeliveries < 1)
        {
            problem = "MaxQueuedEvents and MaxConcurrentDeliveries must be at least 1.";
        }

        if (problem is not null)
        {
            throw new ArgumentException($"Subscription '{subscription.Name}': {problem}", nameof(subscription));
        }
    }
}
