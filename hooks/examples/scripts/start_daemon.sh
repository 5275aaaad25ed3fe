#!/bin/bash
# ApplicationStart: starts the service fully detached: its own session, and stdin, stdout and
# stderr away from the agent's pipes. Without the redirects the agent waits for the daemon to
# close them and the hook hangs until its timeout ("failed to close STDOUT").
# The appspec runs it through application_start.sh, under `cdrun exec` where cdrun is installed.
set -euo pipefail
app=${APP_PREFIX:-/opt/cdrun-example}/app
log=${APP_LOG:-/tmp/cdrun-example.log}
pidfile=${APP_PIDFILE:-/tmp/cdrun-example.pid}
# APP_SYSTEMD=yes|no|auto: use a transient systemd unit where systemd runs (auto), or setsid.
use_systemd=${APP_SYSTEMD:-auto}
if [ "$use_systemd" = auto ]; then
  use_systemd=no
  if command -v systemd-run >/dev/null 2>&1 && [ -d /run/systemd/system ]; then use_systemd=yes; fi
fi
if [ "$use_systemd" = yes ]; then
  systemd-run --unit cdrun-example --collect "$app/server.sh"
else
  # A background job of a script is not a process-group leader, so setsid(1) execs without
  # forking and $! is the server's pid (server.sh execs python3 in the same process).
  setsid "$app/server.sh" > "$log" 2>&1 < /dev/null &
  echo $! > "$pidfile"
fi
echo "started"
