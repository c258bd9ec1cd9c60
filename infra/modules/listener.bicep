// The listener: an always-on container holding Kadoa's realtime connection and publishing each
// event to the ingress topic. No ingress (it serves nothing but its health endpoints, which the
// platform probes inside the replica). Settings are the ones src/Listener reads.
param location string
param tags object
param name string

@description('True once azd has deployed the listener image; until then a placeholder runs without probes.')
param exists bool

@minValue(1)
param replicas int

param environmentId string
param identityId string
param identityClientId string
param registryServer string
param kadoaApiKeySecretUri string
param kadoaApiBaseUrl string
param kadoaRealtimeUrl string
param kadoaRealtimeHttpUrl string
param tableServiceUri string
param blobServiceUri string
param ingressTopicEndpoint string
param applicationInsightsConnectionString string

var port = 8080
var kadoaApiKeySecretRef = 'kadoa-api-key'
var kadoaApiKeySecret = {
  name: kadoaApiKeySecretRef
  keyVaultUrl: kadoaApiKeySecretUri
  identity: identityId
}

// Probes on the listener's health endpoints, both on /healthz: the receiver and the forwarding pipeline run and make
// progress (a deliberate wait, such as a retry after Kadoa refused the key, counts as progress). Startup gates a new
// revision on the process having started its loops; liveness restarts a replica that stopped or hangs.
// No readiness probe: the listener takes no traffic, and /readyz (connected, heartbeat fresh, storage reachable) would
// keep every new revision from becoming ready during a Kadoa outage or with a wrong key, when a restart or a
// rollback helps nothing; /readyz is for people and dashboards. The placeholder image serves no /healthz, so the probes
// are applied once the real image runs (`azd up` provisions again after deploying; see azure.yaml).
var healthProbes = [
  {
    type: 'Startup'
    httpGet: {
      path: '/healthz'
      port: port
    }
    initialDelaySeconds: 2
    periodSeconds: 5
    timeoutSeconds: 3
    failureThreshold: 12
  }
  {
    type: 'Liveness'
    httpGet: {
      path: '/healthz'
      port: port
    }
    periodSeconds: 30
    timeoutSeconds: 5
    failureThreshold: 3
  }
]

module image 'listener-image.bicep' = {
  name: 'listener-image'
  params: {
    exists: exists
    name: name
    placeholderImage: 'mcr.microsoft.com/azuredocs/containerapps-helloworld:latest'
  }
}

resource app 'Microsoft.App/containerApps@2025-01-01' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      registries: [
        {
          server: registryServer
          identity: identityId
        }
      ]
      // Container Apps reads a Key Vault secret when the app is written and refuses the whole app if the identity's
      // role assignment has not reached Key Vault yet (minutes on a fresh subscription). The placeholder needs no key,
      // so the first provision leaves the secret out; the provision after `azd deploy` (azure.yaml) adds it.
      secrets: exists ? [kadoaApiKeySecret] : []
    }
    template: {
      containers: [
        {
          name: 'listener'
          image: image.outputs.image
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
          env: concat([
            {
              // The variable the .NET base image itself sets (not ASPNETCORE_URLS, which would override it with a warning).
              name: 'ASPNETCORE_HTTP_PORTS'
              value: string(port)
            }
            {
              name: 'AZURE_CLIENT_ID'
              value: identityClientId
            }
            {
              name: 'Kadoa__ApiBaseUrl'
              value: kadoaApiBaseUrl
            }
            {
              name: 'Kadoa__RealtimeUrl'
              value: kadoaRealtimeUrl
            }
            {
              name: 'Kadoa__RealtimeHttpUrl'
              value: kadoaRealtimeHttpUrl
            }
            {
              name: 'Storage__TableServiceUri'
              value: tableServiceUri
            }
            {
              name: 'Storage__BlobServiceUri'
              value: blobServiceUri
            }
            {
              // No EventGrid__TopicKey: without it the listener publishes with its identity.
              name: 'EventGrid__TopicEndpoint'
              value: ingressTopicEndpoint
            }
            {
              name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
              value: applicationInsightsConnectionString
            }
          ], exists ? [{ name: 'Kadoa__ApiKey', secretRef: kadoaApiKeySecretRef }] : [])
          probes: exists ? healthProbes : []
        }
      ]
      scale: {
        minReplicas: replicas
        maxReplicas: replicas
      }
    }
  }
}

output name string = app.name
