namespace KadoaBridge.Core.Kadoa.Provisioning;

/// <summary>What is wrong with a provisioning request: the field at fault and why.</summary>
/// <param name="Field">The JSON path of the field (<c>workflowIds[2]</c>, <c>eventTypes</c>), <c>body</c> for the body as a whole, or the route parameter's name.</param>
/// <param name="Detail">What is wrong with it, for the caller to read.</param>
public sealed record ProvisioningInputError(string Field, string Detail);
