#!/bin/bash
# ApplicationStop runs the PREVIOUS revision's copy of this script, so it must succeed whether or
# not the service is running (and even if it was never installed).
set -euo pipefail
pidfile=${APP_PIDFILE:-/tmp/cdrun-example.pid}
if [ -f "$pidfile" ]; then
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    # Give it ten seconds to go, then insist.
    for _ in $(seq 10); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
fi
echo "stopped"
