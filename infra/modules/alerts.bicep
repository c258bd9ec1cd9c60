// Alerts on the bridge's own metrics: log search alert rules over Application Insights, where the
// apps' OpenTelemetry metrics land (table customMetrics: name = instrument, tags in customDimensions).
// Scoped to the Application Insights resource, the rules need no identity and grant nothing.
// Every rule notifies one action group, which e-mails alertEmail when it is set.
import { rules } from 'alert-rules.bicep'

param location string
param tags object
param applicationInsightsName string
param actionGroupName string

@description('Prefix of the rule names; alert e-mails carry the rule name, so it says which deployment fired.')
param ruleNamePrefix string

@description('Address that receives the alerts (common alert schema); empty creates the action group without receivers.')
param alertEmail string

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: actionGroupName
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'kadoabridge' // at most 12 characters; notifications show it instead of the full name
    enabled: true
    emailReceivers: empty(alertEmail)
      ? []
      : [
          {
            name: 'operator'
            emailAddress: alertEmail
            useCommonAlertSchema: true
          }
        ]
  }
}

// 2022-06-15 is the GA version these rules were written and checked against (criteria.allOf,
// failingPeriods, autoMitigate); newer versions add nothing they use. Move on deliberately, not
// on the linter's calendar.
#disable-next-line use-recent-api-versions
resource alertRules 'Microsoft.Insights/scheduledQueryRules@2022-06-15' = [
  for rule in rules: {
    name: '${ruleNamePrefix}-${rule.name}'
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: rule.displayName
      description: rule.description
      severity: rule.severity
      enabled: true
      scopes: [
        applicationInsights.id
      ]
      evaluationFrequency: rule.evaluationFrequency
      windowSize: rule.windowSize
      criteria: {
        allOf: [
          {
            query: rule.query
            timeAggregation: rule.timeAggregation
            metricMeasureColumn: rule.metricMeasureColumn
            operator: rule.operator
            threshold: rule.threshold
            dimensions: rule.dimensions
            // One period: the queries summarize the whole window themselves (no time column).
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      // Resolves the alert once the condition clears, so a fixed cause closes its alert.
      autoMitigate: true
      actions: {
        actionGroups: [
          actionGroup.id
        ]
      }
    }
  }
]
