namespace KadoaBridge.Core.Storage;

/// <summary>A part of an event too large for the ingress budget, to be stored as a blob before the event is published.</summary>
/// <param name="BlobName">Derived from the CloudEvent id, so a redelivery overwrites the same blob.</param>
/// <param name="Content">UTF-8 JSON.</param>
public sealed record ClaimCheck(string BlobName, ReadOnlyMemory<byte> Content);
