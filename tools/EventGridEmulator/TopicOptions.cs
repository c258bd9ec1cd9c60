namespace KadoaBridge.EventGridEmulator;

/// <summary>One custom topic (CloudEvents 1.0 input schema).</summary>
public sealed class TopicOptions
{
    /// <summary>Topic name, used in the endpoint path <c>/topics/{name}/api/events</c>. Letters, digits and '-'.</summary>
    public required string Name { get; set; }

    /// <summary>The access key publishers send in the <c>aeg-sas-key</c> header. Default <c>emulator-key</c>.</summary>
    public string Key { get; set; } = "emulator-key";

    /// <summary>
    /// Accept <c>Authorization: Bearer &lt;token&gt;</c> with any non-empty token (Microsoft Entra ID publishing; the token is not validated).
    /// Default true.
    /// </summary>
    public bool AcceptBearerTokens { get; set; } = true;
}
