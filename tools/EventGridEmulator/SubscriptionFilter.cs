namespace KadoaBridge.EventGridEmulator;

/// <summary>Event Grid's basic subscription filters. Matching is case-insensitive, Event Grid's default.</summary>
internal sealed class SubscriptionFilter(string? subjectBeginsWith, string? subjectEndsWith, IEnumerable<string> includedEventTypes)
{
    private readonly HashSet<string> _types = new(includedEventTypes, StringComparer.OrdinalIgnoreCase);

    public bool Matches(AcceptedEvent cloudEvent)
    {
        if (_types.Count > 0 && !_types.Contains(cloudEvent.Type))
        {
            return false;
        }

        if (!string.IsNullOrEmpty(subjectBeginsWith)
            && (cloudEvent.Subject is null || !cloudEvent.Subject.StartsWith(subjectBeginsWith, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        return string.IsNullOrEmpty(subjectEndsWith)
            || (cloudEvent.Subject is not null && cloudEvent.Subject.EndsWith(subjectEndsWith, StringComparison.OrdinalIgnoreCase));
    }
}
