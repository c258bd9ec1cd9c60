namespace KadoaBridge.Core.Reconcile;

/// <summary>
/// The last gap-fill, as <c>/api/status</c> shows it: when it ran, the range it asked Kadoa for (the earliest start
/// over its workflows, and the end), how many changes Kadoa listed, and how many of them history lacked.
/// </summary>
/// <param name="Missing">Changes the realtime path had not delivered, sent to ingest now. Above 0 is worth an alert.</param>
/// <param name="Error">Why the run (or one of its workflows) stopped, when it did; never a key.</param>
public sealed record GapFillRun(
    DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, DateTimeOffset? From, DateTimeOffset? To, int Workflows, int Found, int Missing, string? Error);
