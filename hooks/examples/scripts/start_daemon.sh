#!/bin/bash
# ApplicationStart: starts the service fully detached: its own session, and stdin, stdout and
# stderr away from the agent's pipes. Without the redirects the agent waits for the daemon to
# close them and the hook hangs until its timeout ("failed to close STDOUT").
#
# On hosts with cdrun, a hook can run its work under `cdrun exec`, which names any process that
# keeps the output open and, with --detach-lingering, returns instead of hanging:
#   exec cdrun exec --timeout 50 --log /var/log/cdrun-example/hooks.log --detach-lingering \
#     -- "$(dirname "$0")/real_start.sh"
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
