#!/bin/sh
# azd post-deploy hook (POSIX shell; azd runs it after `azd deploy` and `azd up`).
# Prints where the bridge is and, when KADOA_WORKFLOW_IDS is set in the azd environment
# (comma-separated), subscribes those workflows through the Functions app: POST /api/setup.
# KADOA_EVENT_TYPES (comma-separated) overrides the event types; default workflow_data_change.
# Re-run it alone with: azd hooks run postdeploy
#
# The setup is optional: whatever goes wrong here is reported and the hook still exits 0, so `azd up` goes on
# (its last step provisions again to apply the listener's probes). az calls use the azd environment's subscription.
set -u

# Reports why the optional setup stopped, how to finish it, and ends the hook without failing the deployment.
give_up() {
  echo "warning: $1" >&2
  echo "The deployment itself succeeded; only the Kadoa subscription step is left. Fix the cause, then run: azd hooks run postdeploy" >&2
  exit 0
}

functions_uri="${SERVICE_FUNCTIONS_URI:-}"

echo
echo "Kadoa -> Event Grid bridge"
echo "  Functions app:      ${functions_uri:-<unknown>}  (API under /api)"
echo "  Ingress topic:      ${EVENTGRID__TOPICENDPOINT:-<unknown>}"
echo "  Destination topics (alias: endpoint):"
# azd stores the object output as JSON: {"alias":"https://...",...}
printf '%s\n' "${EVENTGRID_DESTINATION_ENDPOINTS:-}" | tr -d '{}' | tr ',' '\n' \
  | sed -n 's/^[[:space:]]*"\([^"]*\)"[[:space:]]*:[[:space:]]*"\([^"]*\)".*$/    \1: \2/p'
echo

if [ -z "${KADOA_WORKFLOW_IDS:-}" ]; then
  echo "KADOA_WORKFLOW_IDS is not set: skipping setup. To subscribe workflows:"
  echo "  azd env set KADOA_WORKFLOW_IDS <id1>,<id2>   then   azd hooks run postdeploy"
  exit 0
fi

for tool in az curl; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    give_up "setup needs '$tool' on PATH (the Azure CLI must be signed in: az login)."
  fi
done
if [ -z "$functions_uri" ] || [ -z "${AZURE_FUNCTION_APP_NAME:-}" ] || [ -z "${AZURE_RESOURCE_GROUP:-}" ] || [ -z "${AZURE_SUBSCRIPTION_ID:-}" ]; then
  give_up "SERVICE_FUNCTIONS_URI, AZURE_FUNCTION_APP_NAME, AZURE_RESOURCE_GROUP or AZURE_SUBSCRIPTION_ID missing; run azd provision first."
fi

# "a, b" -> ["a","b"] (trimmed, empty items dropped, quotes and backslashes escaped).
json_array() {
  result=""
  saved_ifs=$IFS
  IFS=','
  set -f
  for item in $1; do
    item=$(printf '%s' "$item" | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' -e 's/\\/\\\\/g' -e 's/"/\\"/g')
    if [ -n "$item" ]; then
      result="${result:+$result,}\"$item\""
    fi
  done
  set +f
  IFS=$saved_ifs
  printf '[%s]' "$result"
}

body=$(printf '{"workflowIds":%s,"eventTypes":%s}' \
  "$(json_array "$KADOA_WORKFLOW_IDS")" \
  "$(json_array "${KADOA_EVENT_TYPES:-workflow_data_change}")")

# The function key stays out of the output and of the process list: curl reads it from a
# private file that is removed on exit.
umask 077
work_dir=$(mktemp -d) || give_up "could not create a temporary folder."
trap 'rm -rf "$work_dir"' EXIT INT TERM

# The default host key exists once the host has started after the deployment.
key=""
attempt=1
while [ "$attempt" -le 12 ]; do
  key=$(az functionapp keys list --subscription "$AZURE_SUBSCRIPTION_ID" --resource-group "$AZURE_RESOURCE_GROUP" \
    --name "$AZURE_FUNCTION_APP_NAME" --query functionKeys.default --output tsv 2>/dev/null || true)
  if [ -n "$key" ]; then
    break
  fi
  echo "Waiting for the Functions host keys (attempt $attempt of 12)..."
  sleep 10
  attempt=$((attempt + 1))
done
if [ -z "$key" ]; then
  give_up "could not read the function key of $AZURE_FUNCTION_APP_NAME in subscription $AZURE_SUBSCRIPTION_ID (is az signed in to it? az login)."
fi
printf 'x-functions-key: %s\n' "$key" > "$work_dir/headers"

echo "Calling POST ${functions_uri}/api/setup for workflows: $KADOA_WORKFLOW_IDS"
attempt=1
while :; do
  status=$(curl --silent --show-error --max-time 120 --output "$work_dir/response" --write-out '%{http_code}' \
    --request POST --header 'Content-Type: application/json' --header "@$work_dir/headers" \
    --data "$body" "${functions_uri}/api/setup") || true
  case "${status:-000}" in
    2??)
      echo "Setup done (HTTP $status):"
      cat "$work_dir/response"
      echo
      exit 0
      ;;
    000 | 5??)
      # Cold start or the host still loading the new package: retry a bounded number of times.
      if [ "$attempt" -ge 6 ]; then
        break
      fi
      echo "Setup answered HTTP $status; retrying in 15 s (attempt $attempt of 6)..."
      sleep 15
      attempt=$((attempt + 1))
      ;;
    *)
      break
      ;;
  esac
done

cat "$work_dir/response" >&2 2>/dev/null || true
echo >&2
give_up "setup failed with HTTP ${status:-000} (the answer is above)."
