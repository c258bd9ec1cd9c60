# azd post-deploy hook (PowerShell 7; azd runs it after `azd deploy` and `azd up` on Windows).
# Prints where the bridge is and, when KADOA_WORKFLOW_IDS is set in the azd environment
# (comma-separated), subscribes those workflows through the Functions app: POST /api/setup.
# KADOA_EVENT_TYPES (comma-separated) overrides the event types; default workflow_data_change.
# Re-run it alone with: azd hooks run postdeploy
#
# The setup is optional: whatever goes wrong here is reported and the hook still exits 0, so `azd up` goes on
# (its last step provisions again to apply the listener's probes). az calls use the azd environment's subscription.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

# Reports why the optional setup stopped, how to finish it, and ends the hook without failing the deployment.
function Stop-Setup([string] $reason) {
    Write-Warning $reason
    Write-Warning 'The deployment itself succeeded; only the Kadoa subscription step is left. Fix the cause, then run: azd hooks run postdeploy'
    exit 0
}
# Anything unexpected (a terminating error under 'Stop') ends the same way.
trap { Stop-Setup "setup stopped: $($_.Exception.Message)" }

function Split-List([string] $value) {
    $value -split ',' | ForEach-Object { $_.Trim() } | Where-Object { $_ -ne '' }
}

$functionsUri = $env:SERVICE_FUNCTIONS_URI

Write-Host ''
Write-Host 'Kadoa -> Event Grid bridge'
Write-Host "  Functions app:      $($functionsUri ?? '<unknown>')  (API under /api)"
Write-Host "  Ingress topic:      $($env:EVENTGRID__TOPICENDPOINT ?? '<unknown>')"
Write-Host '  Destination topics (alias: endpoint):'
if ($env:EVENTGRID_DESTINATION_ENDPOINTS) {
    # azd stores the object output as JSON: {"alias":"https://...",...}
    $destinations = $env:EVENTGRID_DESTINATION_ENDPOINTS | ConvertFrom-Json
    foreach ($property in $destinations.PSObject.Properties) {
        Write-Host "    $($property.Name): $($property.Value)"
    }
}
Write-Host ''

if (-not $env:KADOA_WORKFLOW_IDS) {
    Write-Host 'KADOA_WORKFLOW_IDS is not set: skipping setup. To subscribe workflows:'
    Write-Host '  azd env set KADOA_WORKFLOW_IDS <id1>,<id2>   then   azd hooks run postdeploy'
    exit 0
}

if (-not (Get-Command az -ErrorAction SilentlyContinue)) {
    Stop-Setup "setup needs the Azure CLI (az) on PATH, signed in with 'az login'."
}
if (-not $functionsUri -or -not $env:AZURE_FUNCTION_APP_NAME -or -not $env:AZURE_RESOURCE_GROUP -or -not $env:AZURE_SUBSCRIPTION_ID) {
    Stop-Setup 'SERVICE_FUNCTIONS_URI, AZURE_FUNCTION_APP_NAME, AZURE_RESOURCE_GROUP or AZURE_SUBSCRIPTION_ID missing; run azd provision first.'
}

$eventTypes = if ($env:KADOA_EVENT_TYPES) { $env:KADOA_EVENT_TYPES } else { 'workflow_data_change' }
# @() keeps one-element lists arrays: PowerShell unrolls a function's array output.
$body = [ordered]@{
    workflowIds = @(Split-List $env:KADOA_WORKFLOW_IDS)
    eventTypes  = @(Split-List $eventTypes)
} | ConvertTo-Json -Compress

# The default host key exists once the host has started after the deployment.
$key = $null
for ($attempt = 1; $attempt -le 12; $attempt++) {
    $key = az functionapp keys list --subscription $env:AZURE_SUBSCRIPTION_ID --resource-group $env:AZURE_RESOURCE_GROUP `
        --name $env:AZURE_FUNCTION_APP_NAME --query functionKeys.default --output tsv 2>$null
    if ($LASTEXITCODE -eq 0 -and $key) { break }
    Write-Host "Waiting for the Functions host keys (attempt $attempt of 12)..."
    Start-Sleep -Seconds 10
}
if (-not $key) {
    Stop-Setup "could not read the function key of $($env:AZURE_FUNCTION_APP_NAME) in subscription $($env:AZURE_SUBSCRIPTION_ID) (is az signed in to it? az login)."
}

Write-Host "Calling POST $functionsUri/api/setup for workflows: $($env:KADOA_WORKFLOW_IDS)"
for ($attempt = 1; ; $attempt++) {
    $response = $null
    try {
        $response = Invoke-WebRequest -Method Post -Uri "$functionsUri/api/setup" -Headers @{ 'x-functions-key' = $key } `
            -ContentType 'application/json' -Body $body -SkipHttpErrorCheck -TimeoutSec 120
    }
    catch {
        Write-Host "Setup request failed: $($_.Exception.Message)"
    }
    $status = if ($response) { [int]$response.StatusCode } else { 0 }
    if ($status -ge 200 -and $status -lt 300) {
        Write-Host "Setup done (HTTP $status):"
        Write-Host $response.Content
        exit 0
    }
    # Cold start or the host still loading the new package: retry a bounded number of times.
    if (($status -eq 0 -or $status -ge 500) -and $attempt -lt 6) {
        Write-Host "Setup answered HTTP $status; retrying in 15 s (attempt $attempt of 6)..."
        Start-Sleep -Seconds 15
        continue
    }
    break
}

$content = if ($response) { $response.Content } else { '' }
Write-Host $content
Stop-Setup "setup failed with HTTP $status (the answer is above)."
