#!/bin/bash
# shellcheck source-path=SCRIPTDIR
# ApplicationStop. The agent runs this from the PREVIOUS revision's archive (the last deployment
# that finished Install), so it stops what that revision started, with that revision's settings.
# It must succeed when nothing runs and when nothing was ever installed: a failing ApplicationStop
# blocks every later deployment of the group.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"
load_settings

if [ ! -d "$PREFIX" ]; then
  say "nothing is installed at $PREFIX; nothing to stop"
  exit 0
fi
if pid=$(running_app_pid); then
  say "stopping cdrun-sample-app (pid $pid, 127.0.0.1:$APP_PORT)"
  started=$SECONDS
  stop_process "$pid" 10 || fail "cdrun-sample-app (pid $pid) is still running after SIGKILL"
  say "cdrun-sample-app stopped after $((SECONDS - started))s"
elif [ -e "$APP_PID_FILE" ]; then
  say "cdrun-sample-app is not running (stale pid file $APP_PID_FILE)"
else
  say "cdrun-sample-app is not running (no pid file $APP_PID_FILE)"
fi
rm -f "$APP_PID_FILE"
# The proxy stays up: start_server reloads it with the new revision's configuration, so clients
# get a quick 502 during the switch instead of refused connections.
if [ "$PROXY" != none ]; then
  if proxy_pid=$(running_proxy_pid); then
    say "the $PROXY proxy (pid $proxy_pid) keeps running; start_server reloads it"
  fi
fi
