namespace KadoaBridge.Core.Requests;

/// <summary>What is wrong with a control-plane request: the field at fault and why.</summary>
/// <param name="Field">The query parameter, route parameter or JSON path at fault (<c>from</c>, <c>destinations[1]</c>), or <c>body</c>.</param>
/// <param name="Detail">What is wrong with it, for the caller to read.</param>
public sealed record InputError(string Field, string Detail);
