// A shared Azure Monitor workbook on Application Insights that shows the bridge's flow: events in
// and out per minute, end-to-end lag, failures per destination, queue depth and stranded items.
// workbook.json is the portal's own format (Edit > Advanced editor), so it can be edited there and
// pasted back; only the resource it falls back to when opened from the gallery is added here.
param location string
param tags object
param applicationInsightsName string

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  // Workbook names must be GUIDs; this one is stable per Application Insights resource, so a
  // redeploy updates the same workbook.
  name: guid(applicationInsights.id, 'kadoa-bridge-workbook')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: 'Kadoa bridge: event flow'
    category: 'workbook'
    sourceId: applicationInsights.id
    version: 'Notebook/1.0'
    serializedData: string(union(loadJsonContent('workbook.json'), {
      fallbackResourceIds: [
        applicationInsights.id
      ]
    }))
  }
}
