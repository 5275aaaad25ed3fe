#!/bin/bash
# Starts the service fully detached: its own session, and stdin, stdout and stderr away from the
# agent's pipes. Without the redirects the agent waits for the daemon to close them and the hook
# hangs until its timeout.
set -euo pipefail
app=${APP_PREFIX:-/opt/cdrun-example}/app
log=${APP_LOG:-/tmp/cdrun-example.log}
pidfile=${APP_PIDFILE:-/tmp/cdrun-example.pid}
if command -v systemd-run >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  systemd-run --unit cdrun-example --collect "$app/server.sh"
else
  setsid "$app/server.sh" > "$log" 2>&1 < /dev/null &
  echo $! > "$pidfile"
fi
echo "started"
