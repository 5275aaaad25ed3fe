#!/bin/bash
# ValidateService: retries with exponential backoff until the service answers or the attempts
# run out, so a service that needs a few seconds to start does not fail the deployment.
# Worst case with the defaults: 6 attempts of at most 5 s plus 1+2+4+8+16 s of waiting, well
# inside the hook's 120 s timeout.
set -euo pipefail
url=${HEALTH_URL:-http://127.0.0.1:5000/}
attempts=${HEALTH_ATTEMPTS:-6}
delay=${HEALTH_DELAY:-1}
case "$attempts$delay" in
  *[!0-9]*) echo "HEALTH_ATTEMPTS and HEALTH_DELAY must be whole numbers" >&2; exit 2 ;;
esac
if ! command -v curl >/dev/null 2>&1; then
  echo "curl is not installed: cannot check $url" >&2
  exit 2
fi
for attempt in $(seq "$attempts"); do
  if curl -fsS --max-time 5 "$url" > /dev/null; then
    echo "healthy after $attempt attempt(s)"
    exit 0
  fi
  if [ "$attempt" -lt "$attempts" ]; then
    echo "attempt $attempt failed; retrying in ${delay}s" >&2
    sleep "$delay"
    delay=$((delay * 2))
  fi
done
echo "service at $url did not become healthy after $attempts attempt(s)" >&2
exit 1
