namespace KadoaBridge.Core.Routing;

/// <summary>One destination topic: <c>Routing__Destinations__{alias}__Endpoint</c> and optional <c>__Key</c>.</summary>
public sealed class DestinationOptions
{
    /// <summary>The topic's <c>…/api/events</c> URL.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>An access key; absent means managed identity (<c>DefaultAzureCredential</c>, https only).</summary>
    public string? Key { get; set; }
}
