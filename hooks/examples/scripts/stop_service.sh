#!/bin/bash
# ApplicationStop runs the PREVIOUS revision's copy of this script, so it must succeed whether or
# not the service is running (and even if it was never installed).
set -euo pipefail
pidfile=${APP_PIDFILE:-/tmp/cdrun-example.pid}
# Seconds the service gets to exit after SIGTERM before it is killed.
grace=${APP_STOP_GRACE:-10}
if [ "${APP_SYSTEMD:-auto}" != no ] && command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  systemctl stop cdrun-example.service 2>/dev/null || true
fi
if [ -f "$pidfile" ]; then
  pid=$(cat "$pidfile")
  # Only a plain positive number: "kill -1" or "kill 0" would signal far more than the service.
  case "$pid" in ''|0*|*[!0-9]*) pid= ;; esac
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq "$grace"); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
fi
echo "stopped"
