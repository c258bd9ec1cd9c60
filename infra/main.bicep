// The whole bridge in one subscription-scope deployment: `azd up` provisions a resource group
// rg-<env> and everything the listener and the Functions app need, with managed identities only.
// One module per concern; every role assignment lives in modules/rbac.bicep.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment. Names the resource group (rg-<name>) and seeds the resource token.')
param environmentName string

@minLength(1)
@description('Region for every resource. It must offer Flex Consumption: az functionapp list-flexconsumption-locations.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the deploying user (azd sets AZURE_PRINCIPAL_ID). Gets the data roles local debugging needs; empty grants nothing.')
param principalId string = ''

@description('Kind of principal behind principalId: User for a person, ServicePrincipal for a CI identity.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

@secure()
@minLength(1)
@description('Kadoa API key. Kept in Key Vault; both apps read it through Key Vault references. Set it with: azd env set-secret KADOA_API_KEY')
param kadoaApiKey string

@description('Kadoa REST API base URL (setting Kadoa__ApiBaseUrl).')
param kadoaApiBaseUrl string = 'https://api.kadoa.com'

@description('Kadoa realtime WebSocket URL (setting Kadoa__RealtimeUrl).')
param kadoaRealtimeUrl string = 'wss://realtime.kadoa.com'

@description('Kadoa realtime HTTP URL used to obtain socket tokens (setting Kadoa__RealtimeHttpUrl).')
param kadoaRealtimeHttpUrl string = 'https://realtime.kadoa.com'

@minLength(1)
@description('Aliases of the destination topics routing rules can send to: 1-31 letters and digits, not \'ingress\', unique ignoring case. One Event Grid topic each; the first is the default destination.')
param destinationTopics string[] = [
  'changes'
]

@description('True once azd has deployed the listener image (azd sets SERVICE_LISTENER_RESOURCE_EXISTS). Until then a placeholder image runs without health probes.')
param listenerExists bool = false

@minValue(1)
@maxValue(2)
@description('Listener replicas. One is enough: a replacement revision overlaps the old one during deploys and ingest deduplicates.')
param listenerReplicas int = 1

@minValue(1)
@maxValue(1000)
@description('Upper bound of Flex Consumption instances for the Functions app.')
param functionsMaximumInstanceCount int = 40

@allowed([
  512
  2048
  4096
])
@description('Memory per Functions instance, in MB.')
param functionsInstanceMemoryMB int = 2048

@minValue(0)
@maxValue(10)
@description('Always-ready instances for the ingest function (Flex Consumption). 0: ingest scales from zero, so the first change after a quiet spell also waits for a cold start. 1: an instance stays warm, billed around the clock at the always-ready baseline for functionsInstanceMemoryMB (2 GB x 2.6 million s = 5.3 million GB-s a month).')
param ingestAlwaysReadyInstances int = 0

@description('E-mail address that receives the bridge\'s alerts (azd env set ALERT_EMAIL ops@example.com). Empty: the alert rules fire and show in the portal, but nobody is mailed.')
param alertEmail string = ''

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}

// Storage names the apps use (the contract with src/Core); created here so nothing is created at run time.
var tableNames = [
  'Checkpoints'
  'Quarantine'
  'Status'
  'Dedupe'
  'Changes'
  'Deliveries'
  'Routes'
  'Provisioning'
  'Reconcile'
]
var payloadsContainerName = 'payloads'
var deadLetterContainerName = 'deadletters'
var deploymentContainerName = 'deployments'
var ingressQueueName = 'ingress'
// The Functions runtime moves messages that fail every attempt to <queue>-poison.
var ingressPoisonQueueName = '${ingressQueueName}-poison'
// Background replay work items (POST /api/replay over large ranges) and their poison queue.
var replayQueueName = 'replay'
var replayPoisonQueueName = '${replayQueueName}-poison'
// Background backfill work items (POST /api/backfill) and their poison queue.
var backfillQueueName = 'backfill'
var backfillPoisonQueueName = '${backfillQueueName}-poison'
// Data changes Kadoa emitted before storing their data (dataPending), completed from its REST API, and their poison queue.
var enrichQueueName = 'enrich'
var enrichPoisonQueueName = '${enrichQueueName}-poison'

var kadoaApiKeySecretName = 'kadoa-api-key'

// Every name is known when the deployment starts (What-If can predict the whole deployment).
var names = {
  logAnalytics: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
  applicationInsights: '${abbrs.insightsComponents}${resourceToken}'
  listenerIdentity: '${abbrs.managedIdentityUserAssignedIdentities}listener-${resourceToken}'
  functionsIdentity: '${abbrs.managedIdentityUserAssignedIdentities}functions-${resourceToken}'
  storage: '${abbrs.storageStorageAccounts}${resourceToken}'
  ingressTopic: '${abbrs.eventGridTopics}ingress-${resourceToken}'
  keyVault: '${abbrs.keyVaultVaults}${resourceToken}'
  registry: '${abbrs.containerRegistryRegistries}${resourceToken}'
  containerAppsEnvironment: '${abbrs.appManagedEnvironments}${resourceToken}'
  listener: '${abbrs.appContainerApps}listener-${resourceToken}'
  functionsPlan: '${abbrs.webServerFarms}${resourceToken}'
  functions: '${abbrs.webSitesFunctions}${resourceToken}'
  actionGroup: '${abbrs.insightsActionGroups}${resourceToken}'
}
// One alias rule everywhere (the apps' RoutingOptionsValidator holds the same): letters and digits only, because the
// alias is part of app setting names (App Service on Linux strips '-', so Routing__Destinations__price-changes__Endpoint
// would arrive as pricechanges) and of the topic name ('_' is refused there); at most 31 so that
// 'evgt-' + alias + '-' + the 13-character resource token fits Event Grid's 50-character topic names.
var aliasCharacters = 'abcdefghijklmnopqrstuvwxyz0123456789'
var destinationAliasChecks = [
  for (alias, i) in destinationTopics: {
    alias: alias
    lengthFits: length(alias) >= 1 && length(alias) <= 31
    lettersAndDigits: empty(filter(range(0, length(alias)), c => !contains(aliasCharacters, substring(toLower(alias), c, 1))))
    notIngress: toLower(alias) != 'ingress'
    unique: !contains(map(take(destinationTopics, i), earlier => toLower(earlier)), toLower(alias))
  }
]
var invalidDestinationAliases = map(
  filter(destinationAliasChecks, check => !(check.lengthFits && check.lettersAndDigits && check.notIngress && check.unique)),
  check => check.alias
)
// Evaluated by the resource group, the first thing created: an invalid alias stops the deployment before anything exists.
var validatedLocation = empty(invalidDestinationAliases)
  ? location
  : fail('Invalid destinationTopics alias(es): ${join(invalidDestinationAliases, ', ')}. An alias is 1-31 letters and digits (no \'-\' or \'_\'), not \'ingress\', and unique ignoring case.')
var destinationTopicNames = [for alias in destinationTopics: '${abbrs.eventGridTopics}${alias}-${resourceToken}']

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: validatedLocation
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    location: location
    tags: tags
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
  }
}

// Alert rules and the workbook read the apps' metrics in Application Insights.
module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  dependsOn: [
    monitoring
  ]
  params: {
    location: location
    tags: tags
    applicationInsightsName: names.applicationInsights
    actionGroupName: names.actionGroup
    // Alert e-mails carry the rule name: the environment name tells which deployment fired.
    ruleNamePrefix: environmentName
    alertEmail: alertEmail
  }
}

module workbook 'modules/workbook.bicep' = {
  name: 'workbook'
  scope: rg
  dependsOn: [
    monitoring
  ]
  params: {
    location: location
    tags: tags
    applicationInsightsName: names.applicationInsights
  }
}

module identities 'modules/identities.bicep' = {
  name: 'identities'
  scope: rg
  params: {
    location: location
    tags: tags
    listenerIdentityName: names.listenerIdentity
    functionsIdentityName: names.functionsIdentity
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    location: location
    tags: tags
    name: names.storage
    tableNames: tableNames
    containerNames: [
      payloadsContainerName
      deadLetterContainerName
      deploymentContainerName
    ]
    queueNames: [
      ingressQueueName
      ingressPoisonQueueName
      replayQueueName
      replayPoisonQueueName
      backfillQueueName
      backfillPoisonQueueName
      enrichQueueName
      enrichPoisonQueueName
    ]
  }
}

module topics 'modules/topics.bicep' = {
  name: 'topics'
  scope: rg
  params: {
    location: location
    tags: tags
    ingressTopicName: names.ingressTopic
    destinationTopicNames: destinationTopicNames
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    location: location
    tags: tags
    name: names.keyVault
    kadoaApiKeySecretName: kadoaApiKeySecretName
    kadoaApiKey: kadoaApiKey
  }
}

module registry 'modules/registry.bicep' = {
  name: 'registry'
  scope: rg
  params: {
    location: location
    tags: tags
    name: names.registry
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  dependsOn: [
    monitoring
    identities
    storage
    topics
    keyVault
    registry
  ]
  params: {
    storageAccountName: names.storage
    payloadsContainerName: payloadsContainerName
    deadLetterContainerName: deadLetterContainerName
    ingressQueueName: ingressQueueName
    ingressTopicName: names.ingressTopic
    destinationTopicNames: destinationTopicNames
    keyVaultName: names.keyVault
    kadoaApiKeySecretName: kadoaApiKeySecretName
    registryName: names.registry
    applicationInsightsName: names.applicationInsights
    listenerIdentityName: names.listenerIdentity
    functionsIdentityName: names.functionsIdentity
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
}

// After rbac: the topic's identity must be able to write to the queue and the dead-letter container.
module ingressSubscription 'modules/ingress-subscription.bicep' = {
  name: 'ingress-subscription'
  scope: rg
  dependsOn: [
    rbac
  ]
  params: {
    topicName: names.ingressTopic
    storageAccountName: names.storage
    queueName: ingressQueueName
    deadLetterContainerName: deadLetterContainerName
  }
}

module containerAppsEnvironment 'modules/container-apps-environment.bicep' = {
  name: 'container-apps-environment'
  scope: rg
  params: {
    location: location
    tags: tags
    name: names.containerAppsEnvironment
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
  }
}

// After rbac: the app pulls its image with AcrPull and resolves its Key Vault reference when created.
module listener 'modules/listener.bicep' = {
  name: 'listener'
  scope: rg
  dependsOn: [
    rbac
  ]
  params: {
    location: location
    tags: union(tags, { 'azd-service-name': 'listener' })
    name: names.listener
    exists: listenerExists
    replicas: listenerReplicas
    environmentId: containerAppsEnvironment.outputs.id
    identityId: identities.outputs.listenerIdentityId
    identityClientId: identities.outputs.listenerClientId
    registryServer: registry.outputs.loginServer
    kadoaApiKeySecretUri: keyVault.outputs.kadoaApiKeySecretUri
    kadoaApiBaseUrl: kadoaApiBaseUrl
    kadoaRealtimeUrl: kadoaRealtimeUrl
    kadoaRealtimeHttpUrl: kadoaRealtimeHttpUrl
    tableServiceUri: storage.outputs.tableEndpoint
    blobServiceUri: storage.outputs.blobEndpoint
    ingressTopicEndpoint: topics.outputs.ingressTopicEndpoint
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
  }
}

module functions 'modules/functions.bicep' = {
  name: 'functions'
  scope: rg
  dependsOn: [
    rbac
  ]
  params: {
    location: location
    tags: tags
    serviceTags: union(tags, { 'azd-service-name': 'functions' })
    planName: names.functionsPlan
    name: names.functions
    identityId: identities.outputs.functionsIdentityId
    identityClientId: identities.outputs.functionsClientId
    maximumInstanceCount: functionsMaximumInstanceCount
    instanceMemoryMB: functionsInstanceMemoryMB
    ingestAlwaysReadyInstances: ingestAlwaysReadyInstances
    storageAccountName: storage.outputs.name
    deploymentContainerUri: '${storage.outputs.blobEndpoint}${deploymentContainerName}'
    tableServiceUri: storage.outputs.tableEndpoint
    blobServiceUri: storage.outputs.blobEndpoint
    queueServiceUri: storage.outputs.queueEndpoint
    kadoaApiKeySecretUri: keyVault.outputs.kadoaApiKeySecretUri
    kadoaApiBaseUrl: kadoaApiBaseUrl
    destinations: [
      for (alias, i) in destinationTopics: {
        alias: alias
        endpoint: topics.outputs.destinationTopicEndpoints[i]
      }
    ]
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
  }
}

// Outputs land in the azd environment (.azure/<env>/.env). Names are the apps' setting names in
// UPPER_SNAKE (.NET configuration keys are case-insensitive), so the env file configures a local run.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = registry.outputs.loginServer
output AZURE_CONTAINER_REGISTRY_NAME string = registry.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.endpoint
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_FUNCTION_APP_NAME string = functions.outputs.name
output AZURE_CONTAINER_APP_NAME string = listener.outputs.name
output SERVICE_FUNCTIONS_NAME string = functions.outputs.name
output SERVICE_FUNCTIONS_URI string = functions.outputs.uri
output SERVICE_LISTENER_NAME string = listener.outputs.name
output STORAGE__TABLESERVICEURI string = storage.outputs.tableEndpoint
output STORAGE__BLOBSERVICEURI string = storage.outputs.blobEndpoint
output STORAGE__QUEUESERVICEURI string = storage.outputs.queueEndpoint
output EVENTGRID__TOPICENDPOINT string = topics.outputs.ingressTopicEndpoint
output KADOA__APIBASEURL string = kadoaApiBaseUrl
output KADOA__REALTIMEURL string = kadoaRealtimeUrl
output KADOA__REALTIMEHTTPURL string = kadoaRealtimeHttpUrl
output ROUTING__DEFAULTDESTINATION string = destinationTopics[0]
// Alias -> endpoint of every destination topic; the post-deploy hook prints them.
output EVENTGRID_DESTINATION_ENDPOINTS object = toObject(
  range(0, length(destinationTopics)),
  i => destinationTopics[i],
  i => topics.outputs.destinationTopicEndpoints[i]
)
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.applicationInsightsConnectionString
