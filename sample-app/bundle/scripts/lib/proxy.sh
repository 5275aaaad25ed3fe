# Sourced by the hook scripts after common.sh: nginx or Apache from a private prefix
# ($PROXY_DIR with conf/, logs/, run/, tmp/), never the distribution's /etc/nginx or /etc/apache2.
# Both are run directly (apache2, not apache2ctl, which reads Debian's /etc/apache2/envvars).
# Started as root, their workers run as nobody; started as a user, as that user.
# shellcheck shell=bash

proxy_program() {
  case $PROXY in
    nginx) find_program nginx ;;
    apache) find_program apache2 ;;
    *) return 1 ;;
  esac
}

proxy_config_name() {
  case $PROXY in
    nginx) echo nginx.conf ;;
    apache) echo httpd.conf ;;
  esac
}

# Checks a config with the proxy's own parser; prints its verdict. $1: config relative to $PROXY_DIR.
proxy_check_config() {
  local program
  program=$(proxy_program) || fail "$PROXY is not installed"
  case $PROXY in
    nginx) "$program" -t -p "$PROXY_DIR" -c "$1" -e logs/error.log 2>&1 ;;
    apache) "$program" -t -d "$PROXY_DIR" -f "$1" 2>&1 ;;
  esac
}

# Starts the proxy fully detached (its own session, no inherited stdin/stdout/stderr) and waits
# (bounded) for its pid file. Both daemonise themselves: the command returns once the master runs.
proxy_start() {
  local program config output waited=0
  program=$(proxy_program) || fail "$PROXY is not installed"
  config=conf/$(proxy_config_name)
  output=$PROXY_DIR/logs/startup.log
  case $PROXY in
    nginx) setsid "$program" -p "$PROXY_DIR" -c "$config" -e logs/error.log < /dev/null > "$output" 2>&1 ||
      fail "$PROXY did not start: $(tail -n 5 "$output")" ;;
    apache) setsid "$program" -d "$PROXY_DIR" -f "$config" -k start < /dev/null > "$output" 2>&1 ||
      fail "$PROXY did not start: $(tail -n 5 "$output")" ;;
  esac
  until running_proxy_pid > /dev/null; do
    [ "$waited" -lt 100 ] || fail "$PROXY wrote no pid file $PROXY_PID_FILE within 10s; $PROXY_DIR/logs/error.log ends with: $(tail -n 5 "$PROXY_DIR/logs/error.log" 2> /dev/null)"
    sleep 0.1
    waited=$((waited + 1))
  done
  echo "$PROXY" > "$PROXY_KIND_FILE"
}

# Makes a running proxy re-read its configuration without dropping connections.
proxy_reload() {
  local pid=$1
  case $PROXY in
    nginx) kill -HUP "$pid" ;;       # nginx: re-read the configuration, replace the workers gracefully
    apache) kill -USR1 "$pid" ;;     # Apache: graceful restart
  esac
}

# Stops the proxy recorded in the pid file, whatever kind it is.
proxy_stop() {
  local pid
  pid=$(running_proxy_pid) || return 0
  stop_process "$pid" 10 || fail "the proxy (pid $pid) did not stop"
  rm -f "$PROXY_PID_FILE" "$PROXY_KIND_FILE"
}
