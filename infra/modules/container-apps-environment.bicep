// Container Apps environment for the listener. Logs go to Log Analytics through a diagnostic
// setting ('azure-monitor' destination), so the workspace's shared key is never needed.
param location string
param tags object
param name string
param logAnalyticsWorkspaceId string

resource environment 'Microsoft.App/managedEnvironments@2025-01-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'azure-monitor'
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
  }
}

// 2021-05-01-preview is the newest version of diagnostic settings as an extension resource
// (2016-09-01 is the older nested form), so the age rule cannot be met here.
#disable-next-line use-recent-api-versions
resource logsToWorkspace 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'logs-to-workspace'
  scope: environment
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

output id string = environment.id
output name string = environment.name
