// One user-assigned identity per app, created before the apps so rbac.bicep can grant their roles
// first (the listener resolves its Key Vault reference and pulls its image when it is created).
param location string
param tags object
param listenerIdentityName string
param functionsIdentityName string

resource listenerIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: listenerIdentityName
  location: location
  tags: tags
}

resource functionsIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: functionsIdentityName
  location: location
  tags: tags
}

output listenerIdentityId string = listenerIdentity.id
output listenerPrincipalId string = listenerIdentity.properties.principalId
output listenerClientId string = listenerIdentity.properties.clientId
output functionsIdentityId string = functionsIdentity.id
output functionsPrincipalId string = functionsIdentity.properties.principalId
output functionsClientId string = functionsIdentity.properties.clientId
