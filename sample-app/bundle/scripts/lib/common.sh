# Sourced by every hook script: the revision's settings, the install layout derived from them,
# messages that name the hook and the revision, and process helpers.
# shellcheck shell=bash disable=SC2034  # the variables set here are read by the hook scripts

# The settings live in the same revision's bundle as the script. ApplicationStop runs the
# PREVIOUS revision's copy of stop_server.sh from the previous deployment's archive, so it reads
# the previous revision's settings: the revision and ports that are really running.
bundle_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
settings_file=$bundle_dir/config/sample-app.env
hook_name=$(basename "$0" .sh)

REVISION=unknown
say() { echo "$hook_name (revision $REVISION): $*"; }
warn() { echo "$hook_name (revision $REVISION): warning: $*" >&2; }
fail() {
  echo "$hook_name (revision $REVISION): error: $*" >&2
  exit 1
}

# Reads KEY=value lines (no shell evaluation: the file is data, not code) into the known keys.
load_settings() {
  [ -r "$settings_file" ] || fail "settings file $settings_file is missing (was the bundle made by make-bundle.sh?)"
  local line key value
  while IFS= read -r line || [ -n "$line" ]; do
    case $line in '' | '#'*) continue ;; esac
    key=${line%%=*}
    value=${line#*=}
    case $key in
      PREFIX | LISTEN | APP_PORT | PROXY | PROXY_PORT | REVISION | KEY_STORE | REDIS | SERVICE_USER | \
        HEALTH_PATH | HEALTH_ATTEMPTS | HEALTH_DELAY | HEALTH_TIMEOUT | AGENT_LOG)
        printf -v "$key" '%s' "$value"
        ;;
      *) fail "unknown setting '$key' in $settings_file" ;;
    esac
  done < "$settings_file"
  local required
  for required in PREFIX LISTEN APP_PORT PROXY PROXY_PORT KEY_STORE HEALTH_PATH HEALTH_ATTEMPTS HEALTH_DELAY \
    HEALTH_TIMEOUT AGENT_LOG; do
    [ -n "${!required:-}" ] || fail "setting $required is missing from $settings_file"
  done
  SERVICE_USER=${SERVICE_USER:-}
  REDIS=${REDIS:-127.0.0.1:6379}

  # The install layout. Install (the appspec's files) owns only $APP_DIR; data, logs and
  # rendered configuration live beside it so that no deployment's cleanup ever removes them.
  APP_DIR=$PREFIX/app
  APP_BIN=$APP_DIR/bin/cdrun-sample-app
  DATA_DIR=$PREFIX/data
  LOG_DIR=$PREFIX/logs
  RUN_DIR=$PREFIX/run
  ETC_DIR=$PREFIX/etc
  APP_PID_FILE=$RUN_DIR/app.pid
  CONSOLE_LOG=$LOG_DIR/console.log
  PROXY_DIR=$PREFIX/proxy
  PROXY_PID_FILE=$PROXY_DIR/run/proxy.pid
  PROXY_KIND_FILE=$PROXY_DIR/run/proxy.kind
}

# The user the app runs as: the service user when we are root and it is configured, else us.
runs_as_service_user() { [ "$(id -u)" -eq 0 ] && [ -n "$SERVICE_USER" ]; }

# Absolute path of a program, also from /usr/sbin (not on a normal user's PATH on Debian).
find_program() {
  local found
  found=$(command -v "$1" 2> /dev/null) && { echo "$found"; return 0; }
  [ -x "/usr/sbin/$1" ] && { echo "/usr/sbin/$1"; return 0; }
  return 1
}

# A live process (zombies count as gone: nothing may reap them in a container).
pid_alive() {
  local state
  [ -r "/proc/$1/stat" ] || return 1
  state=$(sed -e 's/^.*) //' "/proc/$1/stat" 2> /dev/null | cut -c1)
  [ -n "$state" ] && [ "$state" != Z ]
}

# The pid in a pid file, or nothing when the file is missing or holds no number.
read_pid() {
  local pid=""
  if [ -r "$1" ]; then read -r pid < "$1" || true; fi
  case $pid in '' | *[!0-9]*) return 1 ;; esac
  echo "$pid"
}

# The command line of a process, NULs shown as spaces.
process_command() { tr '\0' ' ' < "/proc/$1/cmdline" 2> /dev/null; }

# TERM, then KILL after $2 seconds; waits (bounded) until the process is gone.
stop_process() {
  local pid=$1 grace=$2 waited=0
  kill -TERM "$pid" 2> /dev/null || true
  while pid_alive "$pid" && [ "$waited" -lt $((grace * 10)) ]; do
    sleep 0.1
    waited=$((waited + 1))
  done
  if pid_alive "$pid"; then
    warn "pid $pid did not stop within ${grace}s of SIGTERM; sending SIGKILL"
    kill -KILL "$pid" 2> /dev/null || true
    waited=0
    while pid_alive "$pid" && [ "$waited" -lt 50 ]; do
      sleep 0.1
      waited=$((waited + 1))
    done
  fi
  ! pid_alive "$pid"
}

# The app's pid when the pid file names a live cdrun-sample-app started from $APP_BIN.
running_app_pid() {
  local pid
  pid=$(read_pid "$APP_PID_FILE") || return 1
  pid_alive "$pid" || return 1
  case $(process_command "$pid") in "$APP_BIN "*) echo "$pid" ;; *) return 1 ;; esac
}

# The proxy master's pid when the pid file names a live nginx or apache2.
running_proxy_pid() {
  local pid
  pid=$(read_pid "$PROXY_PID_FILE") || return 1
  pid_alive "$pid" || return 1
  case $(process_command "$pid") in *nginx* | *apache2*) echo "$pid" ;; *) return 1 ;; esac
}

# Whether something accepts TCP connections on 127.0.0.1:$1 (bash's /dev/tcp; no extra tools).
port_in_use() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }
