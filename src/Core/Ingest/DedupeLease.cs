namespace KadoaBridge.Core.Ingest;

/// <summary>
/// A claim's lease kept alive while its holder works (<see cref="DedupeStore.Hold"/>); disposing stops the renewals and
/// waits for the one in flight, so a release that follows never races a renewal.
/// </summary>
public sealed class DedupeLease : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;

    internal DedupeLease(Func<CancellationToken, Task> renew) => _renewing = renew(_stop.Token);

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
            await _renewing;
        }

        _stop.Dispose();
    }
}
