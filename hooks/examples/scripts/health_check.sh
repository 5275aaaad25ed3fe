#!/bin/bash
# ValidateService: retries with exponential backoff until the service answers or time runs out.
set -euo pipefail
url=${HEALTH_URL:-http://127.0.0.1:5000/}
delay=1
for attempt in 1 2 3 4 5 6; do
  if curl -fsS --max-time 5 "$url" > /dev/null; then
    echo "healthy after $attempt attempt(s)"
    exit 0
  fi
  echo "attempt $attempt failed; retrying in ${delay}s" >&2
  sleep "$delay"
  delay=$((delay * 2))
done
echo "service at $url did not become healthy" >&2
exit 1
