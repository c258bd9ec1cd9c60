using System.Runtime.ExceptionServices;
using Azure;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Core.Forwarding;

/// <summary>
/// Event Grid refused a batch as invalid (400, 413): some events are bad, or the topic refuses everything (a schema
/// mismatch, a misconfigured topic). Which one is found by bisection: halves are republished until every event is
/// accepted or refused on its own. An event refused on its own is quarantined only when the topic is known to accept
/// events right now: another event of the batch was accepted, or, when none was, the last event it accepted is accepted
/// again (a repeat of an accepted id, which ingest dedupes). Otherwise the refusal is systemic: nothing is quarantined or
/// acknowledged, the stage retries with backoff, and status, readiness and metrics show it.
/// </summary>
public sealed partial class ForwardingPipeline
{
    /// <summary>The last event the ingress topic accepted: the probe that tells a bad event from a refusing topic.</summary>
    private ReadOnlyMemory<byte>? _lastAccepted;

    private void OnAccepted(ReadOnlyMemory<byte> cloudEvent)
    {
        _lastAccepted = cloudEvent;
        if (state.IngressRejection is not null && state.OnIngressAccepted())
        {
            Log.IngressAcceptsAgain(logger);
        }
    }

    private async Task IsolateRejectedAsync(List<ForwardItem> refused, RequestFailedException rejection, CancellationToken cancellationToken)
    {
        var search = new RejectionSearch();
        if (refused.Count == 1)
        {
            await OnRefusedAloneAsync(refused[0], rejection, search, cancellationToken);
        }
        else
        {
            await BisectAsync(refused, search, cancellationToken);
        }

        if (!search.TopicAccepts)
        {
            metrics.OnIngressRejected();
            var reason = $"Event Grid refuses every event: {Failures.Describe(rejection)}";
            if (state.OnIngressRejecting(reason))
            {
                Log.IngressRejectsEverything(logger, refused.Count, rejection.Status, rejection.ErrorCode, rejection);
            }

            ExceptionDispatchInfo.Throw(rejection); // the stage retries with backoff; nothing is acknowledged meanwhile
        }

        foreach (var (item, e) in search.Refused)
        {
            var record = new QuarantineRecord($"Event Grid refused the event: {Failures.Describe(e)}", item.Event!.CloudEvent, time.GetUtcNow());
            await QuarantineAsync(item, record, cancellationToken);
        }
    }

    private async Task BisectAsync(List<ForwardItem> refused, RejectionSearch search, CancellationToken cancellationToken)
    {
        var middle = refused.Count / 2;
        foreach (var half in (List<ForwardItem>[])[refused.GetRange(0, middle), refused.GetRange(middle, refused.Count - middle)])
        {
            if (search.Systemic)
            {
                return;
            }

            try
            {
                await PublishAsync(half, cancellationToken);
                search.TopicAccepts = true;
            }
            catch (RequestFailedException e) when (Failures.IsRejection(e))
            {
                if (half.Count > 1)
                {
                    await BisectAsync(half, search, cancellationToken);
                }
                else
                {
                    await OnRefusedAloneAsync(half[0], e, search, cancellationToken);
                }
            }
        }
    }

    /// <summary>The first event refused on its own while nothing was accepted yet: ask the topic with the last event it accepted.</summary>
    private async Task OnRefusedAloneAsync(ForwardItem item, RequestFailedException rejection, RejectionSearch search, CancellationToken cancellationToken)
    {
        search.Refused.Add((item, rejection));
        if (search.TopicAccepts || search.Probed || _lastAccepted is not { } probe)
        {
            return;
        }

        search.Probed = true;
        try
        {
            await publisher.PublishAsync([probe], cancellationToken);
            search.TopicAccepts = true;
        }
        catch (RequestFailedException e) when (Failures.IsRejection(e))
        {
            search.Systemic = true; // it refuses what it accepted before: no need to try the rest one by one
        }
    }

    private sealed class RejectionSearch
    {
        public List<(ForwardItem Item, RequestFailedException Rejection)> Refused { get; } = [];

        /// <summary>An event (of the batch, or the probe) was accepted during this search.</summary>
        public bool TopicAccepts { get; set; }

        public bool Probed { get; set; }

        /// <summary>The topic refused the probe: stop bisecting.</summary>
        public bool Systemic { get; set; }
    }
}
