namespace KadoaBridge.Core.Contract;

/// <summary>What the mapper needs besides the frame.</summary>
/// <param name="IngressBudgetBytes">Largest CloudEvent published inline (default 46,080 bytes: it must fit a 64 KiB Storage queue message even base64-encoded; see <c>ForwardingOptions.IngressBudgetBytes</c>).</param>
/// <param name="PayloadContainerUrl">The blob container that claim-check references point into.</param>
/// <param name="KadoaApiBaseUrl">For <c>data.links.api</c>.</param>
public sealed record CloudEventMapperSettings(int IngressBudgetBytes, Uri PayloadContainerUrl, Uri KadoaApiBaseUrl);
