#!/bin/bash
# shellcheck source-path=SCRIPTDIR
# AfterInstall: writes the reverse-proxy config from this revision's template and checks it with
# the proxy's own parser (nginx -t / apache2 -t) BEFORE it replaces the running one, so a bad
# template fails the deployment here instead of taking the proxy down at reload. Then renders the
# log wiring (logrotate, CloudWatch agent, awslogs) for this install's paths.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"
# shellcheck source=lib/proxy.sh
source "$(dirname "$0")/lib/proxy.sh"
# shellcheck source=lib/render.sh
source "$(dirname "$0")/lib/render.sh"
load_settings

[ -x "$APP_BIN" ] || fail "$APP_BIN is not installed or not executable"
mkdir -p "$PROXY_DIR"/{conf,logs,run,tmp}

if [ "$PROXY" = none ]; then
  say "no reverse proxy configured; the app answers on $LISTEN:$APP_PORT itself"
else
  name=$(proxy_config_name)
  render_proxy_template "$bundle_dir/config/$name.in" "$PROXY_DIR/conf/$name.new"
  if ! verdict=$(proxy_check_config "conf/$name.new"); then
    echo "$verdict" >&2
    fail "$PROXY rejects the rendered $PROXY_DIR/conf/$name.new (kept for inspection); the running proxy is untouched"
  fi
  mv "$PROXY_DIR/conf/$name.new" "$PROXY_DIR/conf/$name"
  say "wrote $PROXY_DIR/conf/$name ($LISTEN:$PROXY_PORT -> 127.0.0.1:$APP_PORT); $PROXY -t: ${verdict//$'\n'/ }"
fi

render_log_configs
say "wrote $ETC_DIR/logrotate.conf, amazon-cloudwatch-agent.json and awslogs.conf (deployment root $(deployment_root))"
