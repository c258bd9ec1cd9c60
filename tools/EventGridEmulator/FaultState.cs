namespace KadoaBridge.EventGridEmulator;

/// <summary>The fault currently injected into one topic (at most one; a new one replaces it).</summary>
internal sealed class FaultState(TimeProvider timeProvider)
{
    private readonly Lock _gate = new();
    private FaultSpec? _fault;
    private int? _remaining;
    private DateTimeOffset? _until;

    public void Inject(FaultSpec fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfLessThan(fault.StatusCode, 200, nameof(fault));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fault.StatusCode, 599, nameof(fault));
        if (fault.Count is <= 0 || fault.Duration <= TimeSpan.Zero || fault.Delay < TimeSpan.Zero || fault.RetryAfter < TimeSpan.Zero)
        {
            throw new ArgumentException("Count and Duration must be positive, Delay and RetryAfter not negative.", nameof(fault));
        }

        lock (_gate)
        {
            _remaining = fault.Count;
            _until = fault.Duration is { } duration ? timeProvider.GetUtcNow() + duration : null;
            Volatile.Write(ref _fault, fault);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            Volatile.Write(ref _fault, null);
        }
    }

    /// <summary>The fault that applies to this request, counting it; null when none is active.</summary>
    public FaultSpec? TryTake()
    {
        if (Volatile.Read(ref _fault) is null)
        {
            return null;
        }

        lock (_gate)
        {
            if (_fault is null)
            {
                return null;
            }

            if ((_until is { } until && timeProvider.GetUtcNow() >= until) || _remaining == 0)
            {
                Volatile.Write(ref _fault, null);
                return null;
            }

            _remaining--;
            return _fault;
        }
    }
}
