// Event Grid custom topics on the CloudEvents 1.0 schema with local (key) auth off: publishers
// need EventGrid Data Sender. The ingress topic has a system-assigned identity, which delivers
// to the ingress queue and dead-letters to Blob (roles in rbac.bicep).
param location string
param tags object
param ingressTopicName string
param destinationTopicNames string[]

resource ingressTopic 'Microsoft.EventGrid/topics@2025-02-15' = {
  name: ingressTopicName
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    inputSchema: 'CloudEventSchemaV1_0'
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

resource destinationTopics 'Microsoft.EventGrid/topics@2025-02-15' = [
  for topicName in destinationTopicNames: {
    name: topicName
    location: location
    tags: tags
    properties: {
      inputSchema: 'CloudEventSchemaV1_0'
      disableLocalAuth: true
      publicNetworkAccess: 'Enabled'
    }
  }
]

output ingressTopicName string = ingressTopic.name
output ingressTopicEndpoint string = ingressTopic.properties.endpoint
output ingressTopicPrincipalId string = ingressTopic.identity.principalId
output destinationTopicNames string[] = [for (name, i) in destinationTopicNames: destinationTopics[i].name]
output destinationTopicEndpoints string[] = [for (name, i) in destinationTopicNames: destinationTopics[i].properties.endpoint]
