#!/bin/bash
# shellcheck source-path=SCRIPTDIR
# ValidateService: GET the health URL THROUGH the proxy (what a client or load balancer sees),
# retrying with exponential backoff while the app starts. Healthy means HTTP 200 from THIS
# revision: an old process still holding the port would answer 200 with its own revision.
# Attempts, first delay and per-request timeout come from the settings (HEALTH_ATTEMPTS,
# HEALTH_DELAY, HEALTH_TIMEOUT), so a test can fail fast and production can wait longer.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"
load_settings

host=$LISTEN
[ "$host" = 0.0.0.0 ] && host=127.0.0.1
if [ "$PROXY" = none ]; then
  url="http://$host:$APP_PORT$HEALTH_PATH" via="directly (no proxy)"
else
  url="http://$host:$PROXY_PORT$HEALTH_PATH" via="through $PROXY"
fi
body_file=$(mktemp)
trap 'rm -f "$body_file"' EXIT

delay=$HEALTH_DELAY
max_delay=8
started=$SECONDS
status="" body="" problem=""
for ((attempt = 1; attempt <= HEALTH_ATTEMPTS; attempt++)); do
  : > "$body_file"
  if status=$(curl -sS -o "$body_file" -w '%{http_code}' --connect-timeout "$HEALTH_TIMEOUT" \
    --max-time "$HEALTH_TIMEOUT" "$url" 2>&1); then
    body=$(head -c 300 "$body_file" | tr -s '\n\t ' ' ')
    if [ "$status" = 200 ] && grep -Eq "\"revision\"[[:space:]]*:[[:space:]]*\"${REVISION//./\\.}\"" "$body_file"; then
      say "healthy: GET $url $via answered 200 after $attempt attempt(s): $body"
      exit 0
    fi
    if [ "$status" = 200 ]; then
      problem="answered 200 but not as revision $REVISION"
    else
      problem="answered HTTP $status"
    fi
  else
    # curl printed its own error (connection refused, timeout) instead of a status code.
    problem="no HTTP answer (${status//$'\n'/ })"
    body=""
    status="none"
  fi
  echo "attempt $attempt/$HEALTH_ATTEMPTS: GET $url $problem" >&2
  if [ "$attempt" -lt "$HEALTH_ATTEMPTS" ]; then
    sleep "$delay"
    delay=$(awk -v d="$delay" -v m="$max_delay" 'BEGIN { d *= 2; if (d > m) d = m; print d }')
  fi
done

{
  echo "$hook_name (revision $REVISION): error: cdrun-sample-app is not healthy"
  echo "  url: $url ($via)"
  echo "  attempts: $HEALTH_ATTEMPTS over $((SECONDS - started))s"
  echo "  last HTTP status: $status"
  echo "  last problem: $problem"
  echo "  last body: ${body:-<empty>}"
  if pid=$(running_app_pid); then
    echo "  app process: running (pid $pid)"
  else
    echo "  app process: NOT running; what it printed since its last start ($CONSOLE_LOG):"
    tac "$CONSOLE_LOG" 2> /dev/null | sed -e '/^---- /q' | tac | tail -n 10 | sed -e 's/^/    /'
  fi
} >&2
exit 1
