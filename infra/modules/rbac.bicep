// Every role assignment of the bridge, least privilege: each identity gets the data roles for what
// it uses, on the narrowest scope that covers it. Names are guid(scope, principal, role) so a
// redeploy finds the same assignment.
//
//   listener identity   -> EventGrid Data Sender           -> ingress topic
//                       -> Storage Table Data Contributor   -> storage account (all bridge tables)
//                       -> Storage Blob Data Contributor    -> container 'payloads' (claim check)
//                       -> Key Vault Secrets User           -> secret 'kadoa-api-key'
//                       -> AcrPull                          -> registry
//                       -> Monitoring Metrics Publisher     -> Application Insights
//   functions identity  -> Storage Blob Data Owner          -> storage account (host storage, deployment package, payloads, dead letters)
//                       -> Storage Queue Data Contributor   -> storage account (ingress trigger, poison queue)
//                       -> Storage Table Data Contributor   -> storage account
//                       -> EventGrid Data Sender            -> each destination topic
//                       -> Key Vault Secrets User           -> secret 'kadoa-api-key'
//                       -> Monitoring Metrics Publisher     -> Application Insights
//   ingress topic (system identity)
//                       -> Storage Queue Data Message Sender -> queue 'ingress'
//                       -> Storage Blob Data Contributor     -> container 'deadletters'
//   deploying user (optional, for local debugging)
//                       -> Storage Table/Blob/Queue Data Contributor -> storage account
//                       -> EventGrid Data Sender            -> ingress topic and each destination topic
//                       -> Key Vault Secrets User           -> secret 'kadoa-api-key'
param storageAccountName string
param payloadsContainerName string
param deadLetterContainerName string
param ingressQueueName string
param ingressTopicName string
param destinationTopicNames string[]
param keyVaultName string
param kadoaApiKeySecretName string
param registryName string
param applicationInsightsName string
param listenerIdentityName string
param functionsIdentityName string

@description('Deploying user; empty skips the user assignments.')
param userPrincipalId string = ''

@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param userPrincipalType string = 'User'

var roles = {
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d' // AcrPull
  eventGridDataSender: 'd5a91429-5739-47e2-a06b-3470a27159e7' // EventGrid Data Sender
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6' // Key Vault Secrets User
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb' // Monitoring Metrics Publisher
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe' // Storage Blob Data Contributor
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b' // Storage Blob Data Owner
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88' // Storage Queue Data Contributor
  storageQueueDataMessageSender: 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a' // Storage Queue Data Message Sender
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // Storage Table Data Contributor
}
var withUser = !empty(userPrincipalId)

// Principals are looked up here, and assignment names use the identities' resource ids, so every
// name is known when the deployment starts.
resource listenerIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: listenerIdentityName
}

resource functionsIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: functionsIdentityName
}

var listenerPrincipalId = listenerIdentity.properties.principalId
var functionsPrincipalId = functionsIdentity.properties.principalId
var ingressTopicPrincipalId = ingressTopic.identity.principalId

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource payloads 'containers' existing = {
      name: payloadsContainerName
    }

    resource deadLetters 'containers' existing = {
      name: deadLetterContainerName
    }
  }

  resource queueService 'queueServices' existing = {
    name: 'default'

    resource ingress 'queues' existing = {
      name: ingressQueueName
    }
  }
}

resource ingressTopic 'Microsoft.EventGrid/topics@2025-02-15' existing = {
  name: ingressTopicName
}

resource destinationTopics 'Microsoft.EventGrid/topics@2025-02-15' existing = [
  for topicName in destinationTopicNames: {
    name: topicName
  }
]

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: keyVaultName

  resource kadoaApiKey 'secrets' existing = {
    name: kadoaApiKeySecretName
  }
}

resource registry 'Microsoft.ContainerRegistry/registries@2025-04-01' existing = {
  name: registryName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// ---- listener identity ----

resource listenerIngressSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(ingressTopic.id, listenerIdentity.id, roles.eventGridDataSender)
  scope: ingressTopic
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.eventGridDataSender)
    principalId: listenerPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource listenerTables 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, listenerIdentity.id, roles.storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    principalId: listenerPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource listenerPayloads 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::blobService::payloads.id, listenerIdentity.id, roles.storageBlobDataContributor)
  scope: storage::blobService::payloads
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    principalId: listenerPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource listenerSecret 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault::kadoaApiKey.id, listenerIdentity.id, roles.keyVaultSecretsUser)
  scope: vault::kadoaApiKey
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: listenerPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource listenerAcrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, listenerIdentity.id, roles.acrPull)
  scope: registry
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.acrPull)
    principalId: listenerPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource listenerTelemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, listenerIdentity.id, roles.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: listenerPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// ---- functions identity ----

resource functionsBlobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, functionsIdentity.id, roles.storageBlobDataOwner)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: functionsPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource functionsQueues 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, functionsIdentity.id, roles.storageQueueDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    principalId: functionsPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource functionsTables 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, functionsIdentity.id, roles.storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    principalId: functionsPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource functionsDestinationSenders 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (topicName, i) in destinationTopicNames: {
    name: guid(destinationTopics[i].id, functionsIdentity.id, roles.eventGridDataSender)
    scope: destinationTopics[i]
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.eventGridDataSender)
      principalId: functionsPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource functionsSecret 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault::kadoaApiKey.id, functionsIdentity.id, roles.keyVaultSecretsUser)
  scope: vault::kadoaApiKey
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: functionsPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource functionsTelemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, functionsIdentity.id, roles.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: functionsPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// ---- ingress topic (system identity): delivery and dead-lettering ----

resource topicQueueSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::queueService::ingress.id, ingressTopic.id, roles.storageQueueDataMessageSender)
  scope: storage::queueService::ingress
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataMessageSender)
    principalId: ingressTopicPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource topicDeadLetters 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::blobService::deadLetters.id, ingressTopic.id, roles.storageBlobDataContributor)
  scope: storage::blobService::deadLetters
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    principalId: ingressTopicPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// ---- deploying user: what a local run against these resources needs ----

resource userTables 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (withUser) {
  name: guid(storage.id, userPrincipalId, roles.storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    principalId: userPrincipalId
    principalType: userPrincipalType
  }
}

resource userBlobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (withUser) {
  name: guid(storage.id, userPrincipalId, roles.storageBlobDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    principalId: userPrincipalId
    principalType: userPrincipalType
  }
}

resource userQueues 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (withUser) {
  name: guid(storage.id, userPrincipalId, roles.storageQueueDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    principalId: userPrincipalId
    principalType: userPrincipalType
  }
}

resource userIngressSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (withUser) {
  name: guid(ingressTopic.id, userPrincipalId, roles.eventGridDataSender)
  scope: ingressTopic
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.eventGridDataSender)
    principalId: userPrincipalId
    principalType: userPrincipalType
  }
}

resource userDestinationSenders 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (topicName, i) in destinationTopicNames: if (withUser) {
    name: guid(destinationTopics[i].id, userPrincipalId, roles.eventGridDataSender)
    scope: destinationTopics[i]
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.eventGridDataSender)
      principalId: userPrincipalId
      principalType: userPrincipalType
    }
  }
]

resource userSecret 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (withUser) {
  name: guid(vault::kadoaApiKey.id, userPrincipalId, roles.keyVaultSecretsUser)
  scope: vault::kadoaApiKey
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: userPrincipalId
    principalType: userPrincipalType
  }
}
