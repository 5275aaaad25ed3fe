#!/bin/bash
# shellcheck source-path=SCRIPTDIR
# ApplicationStart: starts cdrun-sample-app fully detached, then starts or reloads the proxy.
# "Fully detached" is what keeps the hook from hanging: the agent waits until every process
# holding the hook's stdout/stderr closes them, so the daemon gets its own session (setsid) and
# stdin, stdout and stderr of its own (/dev/null and the console log).
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"
# shellcheck source=lib/proxy.sh
source "$(dirname "$0")/lib/proxy.sh"
load_settings

[ -x "$APP_BIN" ] || fail "$APP_BIN is not installed or not executable"
mkdir -p "$RUN_DIR" "$LOG_DIR"

if pid=$(running_app_pid); then
  # ApplicationStop normally did this; after a failed deployment it may not have run.
  say "an earlier cdrun-sample-app (pid $pid) is still running; stopping it first"
  stop_process "$pid" 10 || fail "cdrun-sample-app (pid $pid) did not stop"
fi
if port_in_use "$APP_PORT"; then
  fail "127.0.0.1:$APP_PORT is already in use by another program; cdrun-sample-app cannot listen there"
fi

app_listen=127.0.0.1
[ "$PROXY" = none ] && app_listen=$LISTEN
app_args=(--listen "$app_listen" --port "$APP_PORT" --data-dir "$DATA_DIR" --log-dir "$LOG_DIR"
  --key-store "$KEY_STORE" --revision "$REVISION")
[ "$KEY_STORE" = redis ] && app_args+=(--redis "$REDIS")
run_as=()
if runs_as_service_user; then
  run_as=(setpriv --reuid="$SERVICE_USER" --regid="$SERVICE_USER" --init-groups --)
fi

# From /, so the daemon does not keep the deployment's directory (or the agent's cwd) busy.
cd /
echo "---- $(date -u +%Y-%m-%dT%H:%M:%SZ) starting revision $REVISION" >> "$CONSOLE_LOG"
# The service user owns its logs, so logrotate (su cdrun-sample) can copy and truncate them.
runs_as_service_user && chown "$SERVICE_USER:$SERVICE_USER" "$CONSOLE_LOG"
setsid "${run_as[@]}" "$APP_BIN" "${app_args[@]}" < /dev/null >> "$CONSOLE_LOG" 2>&1 &
app_pid=$!
echo "$app_pid" > "$APP_PID_FILE"
say "started cdrun-sample-app (pid $app_pid) on $app_listen:$APP_PORT${run_as:+ as $SERVICE_USER}; output in $CONSOLE_LOG"

if [ "$PROXY" = none ]; then
  exit 0
fi
if proxy_pid=$(running_proxy_pid); then
  running_kind=$(cat "$PROXY_KIND_FILE" 2> /dev/null || echo unknown)
  if [ "$running_kind" = "$PROXY" ]; then
    proxy_reload "$proxy_pid" || fail "could not signal the $PROXY proxy (pid $proxy_pid) to reload"
    say "reloaded $PROXY (pid $proxy_pid) on $LISTEN:$PROXY_PORT"
    exit 0
  fi
  say "the running proxy is $running_kind (pid $proxy_pid) but this revision uses $PROXY; stopping it"
  proxy_stop
fi
proxy_start
say "started $PROXY (pid $(running_proxy_pid)) on $LISTEN:$PROXY_PORT -> 127.0.0.1:$APP_PORT; logs in $PROXY_DIR/logs"
