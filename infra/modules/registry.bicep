// Container registry for the listener image (azd builds it remotely with ACR Tasks).
// No admin user and no anonymous pull: the listener pulls with its identity (AcrPull).
param location string
param tags object
param name string

resource registry 'Microsoft.ContainerRegistry/registries@2025-04-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Basic'
  }
  properties: {
    adminUserEnabled: false
    anonymousPullEnabled: false
    publicNetworkAccess: 'Enabled'
  }
}

output name string = registry.name
output loginServer string = registry.properties.loginServer
