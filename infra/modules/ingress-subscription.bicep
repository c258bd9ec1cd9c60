// Delivers every event of the ingress topic into the ingress Storage queue, where the Functions
// app's queue trigger ingests it. Delivery and dead-lettering use the topic's system-assigned
// identity (no keys, no SAS). Events that still fail after the retries land in 'deadletters'.
param topicName string
param storageAccountName string
param queueName string
param deadLetterContainerName string

@description('Delivery attempts before an event is dead-lettered.')
param maxDeliveryAttempts int = 30

@description('Minutes Event Grid keeps retrying an event before it is dead-lettered (max 1440).')
param eventTimeToLiveInMinutes int = 1440

resource topic 'Microsoft.EventGrid/topics@2025-02-15' existing = {
  name: topicName
}

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource toIngressQueue 'Microsoft.EventGrid/topics/eventSubscriptions@2025-02-15' = {
  parent: topic
  name: 'ingress-queue'
  properties: {
    eventDeliverySchema: 'CloudEventSchemaV1_0'
    deliveryWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      destination: {
        endpointType: 'StorageQueue'
        properties: {
          resourceId: storage.id
          queueName: queueName
          // -1: messages never expire, so events wait in the queue however long ingest is down.
          queueMessageTimeToLiveInSeconds: -1
        }
      }
    }
    deadLetterWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: storage.id
          blobContainerName: deadLetterContainerName
        }
      }
    }
    retryPolicy: {
      maxDeliveryAttempts: maxDeliveryAttempts
      eventTimeToLiveInMinutes: eventTimeToLiveInMinutes
    }
  }
}

output name string = toIngressQueue.name
