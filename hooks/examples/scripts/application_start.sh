#!/bin/bash
# ApplicationStart, the hook pattern: the hook only runs the real work (start_daemon.sh) under
# `cdrun exec` where cdrun is installed. cdrun exec ends the work before the appspec's timeout
# (60 s) and names any process that still holds the hook's output instead of hanging on it; hosts
# without cdrun run the same work directly, so the bundle deploys either way.
set -euo pipefail
cd "$(dirname "$0")"  # the agent's working directory is not the bundle
# The hooks' own log, kept across deployments (the agent's scripts.log goes with old revisions).
hook_log=${HOOK_LOG:-/var/log/cdrun-example/hooks.log}
if command -v cdrun >/dev/null 2>&1; then
  exec cdrun exec --timeout 50 --log "$hook_log" --detach-lingering -- ./start_daemon.sh
fi
exec ./start_daemon.sh
