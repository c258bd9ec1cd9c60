// The Functions app on Flex Consumption (FC1), .NET isolated 10.0: the ingest queue trigger, the
// HTTP control plane and the redrive timer. Everything is identity-based: host storage, the
// deployment package, the IngressQueue trigger connection, Key Vault and Application Insights.
// Flex sets the worker runtime and extension version itself: FUNCTIONS_WORKER_RUNTIME and
// FUNCTIONS_EXTENSION_VERSION must not be app settings.
param location string
param tags object
@description('Tags of the app itself (adds azd-service-name).')
param serviceTags object
param planName string
param name string
param identityId string
param identityClientId string

@minValue(1)
param maximumInstanceCount int

param instanceMemoryMB int
@minValue(0)
@description('Always-ready instances for the Ingest function (its queue trigger); 0 scales from zero.')
param ingestAlwaysReadyInstances int
param storageAccountName string
@description('Blob container URI holding the deployment package.')
param deploymentContainerUri string
param tableServiceUri string
param blobServiceUri string
param queueServiceUri string
param kadoaApiKeySecretUri string
param kadoaApiBaseUrl string

@description('Destination topics: alias and endpoint. The first is the default destination.')
param destinations {
  alias: string
  endpoint: string
}[]

param applicationInsightsConnectionString string

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: serviceTags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references (Kadoa__ApiKey) resolve with this identity.
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUri
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        // Flex Consumption names a single function's always-ready group 'function:<name>'.
        alwaysReady: ingestAlwaysReadyInstances > 0 ? [{ name: 'function:Ingest', instanceCount: ingestAlwaysReadyInstances }] : []
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// azd deploys with an Entra token; publishing with a user name and password stays off.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

var settings = {
  // Host storage, identity-based.
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  // Connection 'IngressQueue' of the ingest queue trigger, identity-based.
  IngressQueue__queueServiceUri: queueServiceUri
  IngressQueue__credential: 'managedidentity'
  IngressQueue__clientId: identityClientId
  // DefaultAzureCredential in the app picks the user-assigned identity.
  AZURE_CLIENT_ID: identityClientId
  Storage__TableServiceUri: tableServiceUri
  Storage__BlobServiceUri: blobServiceUri
  Storage__QueueServiceUri: queueServiceUri
  Kadoa__ApiKey: '@Microsoft.KeyVault(SecretUri=${kadoaApiKeySecretUri})'
  Kadoa__ApiBaseUrl: kadoaApiBaseUrl
  Routing__DefaultDestination: destinations[0].alias
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  // Application Insights has local auth off: telemetry is sent with the identity's token.
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
}
var destinationSettings = toObject(destinations, d => 'Routing__Destinations__${d.alias}__Endpoint', d => d.endpoint)

resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: app
  name: 'appsettings'
  properties: union(settings, destinationSettings)
}

output name string = app.name
output uri string = 'https://${app.properties.defaultHostName}'
