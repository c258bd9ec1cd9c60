namespace KadoaBridge.Infra.Tests;

/// <summary>
/// Every setting the apps read in Azure (the contract between src/ and infra/). The Bicep must set
/// each one: as container env for the listener, as app settings for the Functions app.
/// <c>&lt;alias&gt;</c> stands for each destination topic alias (parameter destinationTopics).
/// </summary>
public static class AppSettingsContract
{
    public const string AliasPlaceholder = "<alias>";

    public static readonly string[] Listener =
    [
        "Kadoa__ApiKey",
        "Kadoa__ApiBaseUrl",
        "Kadoa__RealtimeUrl",
        "Kadoa__RealtimeHttpUrl",
        "Storage__TableServiceUri",
        "Storage__BlobServiceUri",
        "EventGrid__TopicEndpoint",
        "AZURE_CLIENT_ID",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
    ];

    public static readonly string[] Functions =
    [
        "Kadoa__ApiKey",
        "Kadoa__ApiBaseUrl",
        "Storage__TableServiceUri",
        "Storage__BlobServiceUri",
        "Storage__QueueServiceUri",
        "AZURE_CLIENT_ID",
        "IngressQueue__queueServiceUri",
        "IngressQueue__credential",
        "IngressQueue__clientId",
        "AzureWebJobsStorage__accountName",
        "AzureWebJobsStorage__credential",
        "AzureWebJobsStorage__clientId",
        "Routing__Destinations__<alias>__Endpoint",
        "Routing__DefaultDestination",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
    ];
}
