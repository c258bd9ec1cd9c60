// Key Vault in RBAC mode holding the Kadoa API key. The apps read it through Key Vault
// references with their own identities (Key Vault Secrets User on this one secret).
param location string
param tags object
param name string
param kadoaApiKeySecretName string

@secure()
param kadoaApiKey string

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource kadoaApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: kadoaApiKeySecretName
  tags: tags
  properties: {
    value: kadoaApiKey
    contentType: 'text/plain'
  }
}

output name string = vault.name
output endpoint string = vault.properties.vaultUri
output kadoaApiKeySecretName string = kadoaApiKeySecret.name
// Versionless URI: the apps pick up a rotated key without a redeploy.
output kadoaApiKeySecretUri string = kadoaApiKeySecret.properties.secretUri
