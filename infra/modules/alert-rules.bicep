// The bridge's alert rules as data (alerts.bicep deploys them). Each query reads the apps'
// OpenTelemetry metrics in Application Insights (customMetrics: counters and histograms carry the
// interval's sum in valueSum, histograms also valueCount and valueMax, gauges their value in value)
// and summarizes the whole window itself, so the alert compares one number per row with the threshold.
// Severity: 1 = events stop or are stuck, 2 = degraded, 3 = worth a look.

@export()
@description('One log search alert rule over the bridge\'s metrics.')
type alertRule = {
  @description('Suffix of the rule\'s resource name (alert e-mails carry it).')
  name: string
  displayName: string
  @description('What the alert means and what to do.')
  description: string
  @minValue(0)
  @maxValue(4)
  severity: int
  @description('ISO 8601 duration.')
  evaluationFrequency: string
  @description('ISO 8601 duration: the time range the query reads.')
  windowSize: string
  query: string
  timeAggregation: 'Average' | 'Count' | 'Maximum' | 'Minimum' | 'Total'
  metricMeasureColumn: string
  operator: 'Equals' | 'GreaterThan' | 'GreaterThanOrEqual' | 'LessThan' | 'LessThanOrEqual'
  threshold: int
  @description('Columns that split the alert: one alert per value (e.g. per destination).')
  dimensions: {
    name: string
    operator: 'Include' | 'Exclude'
    values: string[]
  }[]
}

var splitBy = {
  kind: [
    {
      name: 'kind'
      operator: 'Include'
      values: ['*']
    }
  ]
  destination: [
    {
      name: 'destination'
      operator: 'Include'
      values: ['*']
    }
  ]
}

@export()
var rules alertRule[] = [
  {
    name: 'listener-down'
    displayName: 'Kadoa bridge: listener down'
    description: 'No listener replica has been connected to Kadoa with a heartbeat in the last 5 minutes, or the listener sent no metrics at all (a dead listener sends nothing): no new Kadoa events reach Event Grid. Kadoa keeps them and redelivers from the stored cursor once the listener is back. Check the container app\'s replicas and logs (revision running? Kadoa API key valid? Kadoa reachable?) and GET /api/status.'
    severity: 1
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    // One row even when the window holds no listener metric, so silence counts as down. A replica
    // is healthy if it was connected at some point in the window and its heartbeat age, carried
    // forward to now, is at most 5 minutes (Kadoa sends one every 15 s).
    query: '''
customMetrics
| where name in ("kadoa.listener.connected", "kadoa.listener.heartbeat.age")
| summarize
    connected = maxif(value, name == "kadoa.listener.connected"),
    heartbeatAgeSeconds = minif(value + (now() - timestamp) / 1s, name == "kadoa.listener.heartbeat.age")
    by cloud_RoleInstance
| summarize healthyListeners = countif(connected >= 1 and heartbeatAgeSeconds <= 300)
'''
    timeAggregation: 'Minimum'
    metricMeasureColumn: 'healthyListeners'
    operator: 'LessThan'
    threshold: 1
    dimensions: []
  }
  {
    name: 'stranded'
    displayName: 'Kadoa bridge: poison messages or ingress dead letters'
    description: 'Events are waiting for recovery and reach no destination until someone acts: messages that failed ingest 5 times (queue ingress-poison) or events Event Grid could not deliver to the ingress queue (container deadletters). GET /api/status shows the failure reasons; fix the cause, then send the items back through ingest (same CloudEvent ids: ingest deduplicates, so this is safe).'
    severity: 1
    evaluationFrequency: 'PT5M'
    // Wider than the frequency: the Functions app reports the gauge only while an instance runs.
    windowSize: 'PT15M'
    query: '''
customMetrics
| where name == "kadoa.stranded"
| extend kind = tostring(customDimensions["kind"])
| where kind in ("poison", "deadletters")
| summarize arg_max(timestamp, value) by kind
| project kind, stranded = value
'''
    timeAggregation: 'Maximum'
    metricMeasureColumn: 'stranded'
    operator: 'GreaterThan'
    threshold: 0
    dimensions: splitBy.kind
  }
  {
    name: 'quarantine'
    displayName: 'Kadoa bridge: frames quarantined'
    description: 'The listener received frames from Kadoa it could not read and stored them in table Quarantine with the reason; the stream goes on. Read the reasons: if Kadoa changed its message format, update the bridge, then send the quarantined frames back through ingest.'
    severity: 3
    evaluationFrequency: 'PT15M'
    windowSize: 'PT15M'
    query: '''
customMetrics
| where name == "kadoa.stranded"
| extend kind = tostring(customDimensions["kind"])
| where kind == "quarantine"
| summarize arg_max(timestamp, value) by kind
| project kind, stranded = value
'''
    timeAggregation: 'Maximum'
    metricMeasureColumn: 'stranded'
    operator: 'GreaterThan'
    threshold: 0
    dimensions: splitBy.kind
  }
  {
    name: 'lag'
    displayName: 'Kadoa bridge: end-to-end lag over 5 minutes'
    description: 'An event reached ingest more than 5 minutes after Kadoa created it. Expected once after a listener outage (Kadoa redelivers what it kept) or when old messages are sent back through ingest; otherwise ingest is falling behind. Open the workbook: a growing ingress queue means more Functions instances are needed (functionsMaximumInstanceCount) or storage is throttling; failures point at the cause.'
    severity: 2
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    query: '''
customMetrics
| where name == "kadoa.ingest.lag"
| summarize maxLagSeconds = max(valueMax)
'''
    timeAggregation: 'Maximum'
    metricMeasureColumn: 'maxLagSeconds'
    operator: 'GreaterThan'
    threshold: 300
    dimensions: []
  }
  {
    name: 'failures'
    displayName: 'Kadoa bridge: ingest or delivery failures rising'
    description: 'Ingest (destination "(ingest)") or deliveries to a destination topic failed at least 5 times in 15 minutes. The bridge retries (ingest up to 5 times, deliveries every minute with backoff), so nothing is lost yet, but a topic, storage or a routing rule keeps failing. GET /api/status shows the latest errors per destination; check the destination topic and the Functions app\'s logs.'
    severity: 2
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    // Each failure is retried (the queue redelivers, the redrive timer runs every minute), so one or
    // two failures are a blip that heals itself and must not page anyone. Five in 15 minutes means
    // an event kept failing or several did: the destination or storage is down, not flaky.
    query: '''
customMetrics
| where name in ("kadoa.ingest.failures", "kadoa.delivery.failures")
| extend destination = iff(name == "kadoa.ingest.failures", "(ingest)", tostring(customDimensions["destination"]))
| summarize failures = sum(valueSum) by destination
'''
    timeAggregation: 'Total'
    metricMeasureColumn: 'failures'
    operator: 'GreaterThanOrEqual'
    threshold: 5
    dimensions: splitBy.destination
  }
  {
    name: 'dead-lettered'
    displayName: 'Kadoa bridge: deliveries dead-lettered'
    description: 'A delivery to a destination topic failed 8 times and was dead-lettered with its last error: that destination did not receive the event and the bridge stopped retrying it. GET /api/status lists dead-lettered deliveries per destination; fix the topic (or the rule naming it), then replay the affected changes to it with POST /api/replay (same CloudEvent ids).'
    severity: 1
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    // Any: a dead letter is retries given up, never a blip.
    query: '''
customMetrics
| where name == "kadoa.delivery.deadlettered"
| extend destination = tostring(customDimensions["destination"])
| summarize deadLettered = sum(valueSum) by destination
'''
    timeAggregation: 'Total'
    metricMeasureColumn: 'deadLettered'
    operator: 'GreaterThan'
    threshold: 0
    dimensions: splitBy.destination
  }
]
