namespace KadoaBridge.EventGridEmulator;

/// <summary>Exponential backoff between delivery attempts: the initial delay, doubling, capped at 30 times the initial delay.</summary>
internal static class RetrySchedule
{
    public const int MaxFactor = 30;

    /// <summary>The wait after the <paramref name="failedAttempt"/>-th failed attempt (1-based).</summary>
    public static TimeSpan DelayAfter(int failedAttempt, TimeSpan initialDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempt, 1);
        var factor = failedAttempt > 6 ? MaxFactor : Math.Min(1 << (failedAttempt - 1), MaxFactor);
        return initialDelay * factor;
    }
}
