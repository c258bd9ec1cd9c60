using KadoaBridge.Core.Storage;

namespace KadoaBridge.Core.Contract;

/// <summary>A Kadoa event in the bridge's CloudEvent contract, ready to publish.</summary>
/// <param name="Id">The CloudEvent id: stable per change, so redeliveries carry the same id.</param>
/// <param name="Type">The CloudEvent type.</param>
/// <param name="CloudEvent">The whole CloudEvent as UTF-8 JSON, within the ingress budget.</param>
/// <param name="ClaimCheck">What must be stored in Blob Storage before publishing, when the event was too large.</param>
public sealed record MappedEvent(string Id, string Type, ReadOnlyMemory<byte> CloudEvent, ClaimCheck? ClaimCheck);
