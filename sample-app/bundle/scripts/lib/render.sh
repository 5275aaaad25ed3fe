# Sourced by configure_server.sh: writes the reverse-proxy config from its template and the log
# wiring configs (logrotate, CloudWatch agent, awslogs) for this install.
# shellcheck shell=bash disable=SC2154  # bundle_dir comes from common.sh

# Escapes a value for the replacement side of a sed s|||, and a literal for its pattern side.
sed_replacement() { printf '%s' "$1" | sed -e 's/[\\|&]/\\&/g'; }
sed_literal() { printf '%s' "$1" | sed -e 's/[][\\|.*^$]/\\&/g'; }

# The deployment root this hook runs from: <root>/<group id>/<deployment id>/deployment-archive/scripts.
# Derived, not configured, so the log configs follow wherever the agent (or cdrun) really deploys.
deployment_root() { (cd "$bundle_dir/../../.." && pwd); }

# @NAME@ placeholders of a proxy template.
render_proxy_template() {
  local template=$1 output=$2
  sed -e "s|@PROXY_DIR@|$(sed_replacement "$PROXY_DIR")|g" \
    -e "s|@LISTEN@|$(sed_replacement "$LISTEN")|g" \
    -e "s|@PROXY_PORT@|$(sed_replacement "$PROXY_PORT")|g" \
    -e "s|@APP_PORT@|$(sed_replacement "$APP_PORT")|g" \
    "$template" > "$output"
}

# The log configs are written for the production paths (the agent's default root and log dir,
# the default prefix, nginx and the cdrun-sample user). This rewrites those paths and choices for
# this install.
render_log_config() {
  local source=$1 output=$2 root
  root=$(deployment_root)
  local -a edits=(
    -e "s|$(sed_literal /opt/codedeploy-agent/deployment-root)|$(sed_replacement "$root")|g"
    -e "s|$(sed_literal /var/log/aws/codedeploy-agent/codedeploy-agent.log)|$(sed_replacement "$AGENT_LOG")|g"
    -e "s|$(sed_literal /opt/cdrun-sample/)|$(sed_replacement "$PREFIX/")|g"
  )
  # Apache's error log is written with ErrorLogFormat "%{cu}t ...": 2026-11-22 00:32:07.123456.
  [ "$PROXY" = apache ] && edits+=(-e 's|%Y/%m/%d %H:%M:%S|%Y-%m-%d %H:%M:%S|g')
  if runs_as_service_user; then
    edits+=(-e "s|^\([[:space:]]*su \)cdrun-sample cdrun-sample\$|\1$(sed_replacement "$SERVICE_USER $SERVICE_USER")|")
  else
    edits+=(-e '/^[[:space:]]*su cdrun-sample cdrun-sample$/d')
  fi
  sed "${edits[@]}" "$source" > "$output.tmp"
  if [ "$PROXY" = none ]; then
    # Without a proxy there are no proxy logs to ship or rotate: drop their entries. JSON entries
    # are one per line (the app's is last, so no comma is left dangling); INI sections and
    # logrotate blocks are paragraphs.
    case $output in
      *.json) sed -i -e '/\/proxy\/logs\//d' "$output.tmp" ;;
      *) awk -v RS= -v ORS='\n\n' '!/\/proxy\/logs\//' "$output.tmp" > "$output.tmp2" && mv "$output.tmp2" "$output.tmp" ;;
    esac
  fi
  mv "$output.tmp" "$output"
}

render_log_configs() {
  local name
  mkdir -p "$ETC_DIR"
  for name in logrotate.conf amazon-cloudwatch-agent.json awslogs.conf; do
    render_log_config "$bundle_dir/config/$name" "$ETC_DIR/$name"
    chmod 0644 "$ETC_DIR/$name"
  done
}
