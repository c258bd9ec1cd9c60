using System.Diagnostics;

namespace KadoaBridge.Core.Diagnostics;

/// <summary>
/// The bridge's trace sources and meter names: one per host's flow. A change is one trace: the listener's
/// <c>publish ingress</c> span (frame received → accepted by the ingress topic), then, across the queue, ingest's
/// <c>process ingress</c> span with one <c>publish {destination}</c> span per destination.
/// </summary>
public static class BridgeTelemetry
{
    /// <summary>Trace source and meter of the listener.</summary>
    public const string Listener = "KadoaBridge.Listener";

    /// <summary>Trace source and meter of ingest, delivery, redrive and replay.</summary>
    public const string Ingest = "KadoaBridge.Ingest";

    public static readonly ActivitySource ListenerSource = new(Listener);

    public static readonly ActivitySource IngestSource = new(Ingest);

    /// <summary>
    /// Starts a span that begins a trace of its own whatever is current (every Kadoa frame starts one), and leaves
    /// <see cref="Activity.Current"/> as it was: the span ends on another thread, later.
    /// </summary>
    public static Activity? StartRoot(ActivitySource source, string name, ActivityKind kind)
    {
        if (!source.HasListeners())
        {
            return null;
        }

        var previous = Activity.Current;
        Activity.Current = null;
        try
        {
            return source.StartActivity(name, kind);
        }
        finally
        {
            Activity.Current = previous;
        }
    }

    /// <summary>Marks a span failed with the exception (its type as the status description).</summary>
    public static void Fail(Activity? span, Exception exception)
    {
        if (span is not null)
        {
            span.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            span.AddException(exception);
        }
    }
}
