#!/bin/bash
# Writes a ready CodeDeploy bundle directory for cdrun-sample-app: appspec.yml (the PREFIX
# substituted), the hook scripts, the proxy and log configs, the binary and config/sample-app.env,
# the settings every hook reads. Deploy it with `cdrun deploy -l DIR` or zip it for S3.
set -euo pipefail

usage() {
  cat << 'EOF'
usage: make-bundle.sh --app-binary PATH --out DIR [options]
  --app-binary PATH       the built cdrun-sample-app
  --out DIR               the bundle directory to write (replaced if it holds an earlier bundle)
  --prefix DIR            install prefix on the instance (default /opt/cdrun-sample)
  --port N                the app's port on 127.0.0.1 (default 5000)
  --proxy KIND            nginx, apache or none (default nginx)
  --proxy-port N          the proxy's port (default 80)
  --listen ADDR           the address the proxy (or, without one, the app) listens on (default 0.0.0.0)
  --revision LABEL        revision label shown by /health and the hook messages (default dev)
  --key-store KIND        local or redis (default local)
  --redis HOST:PORT       the Redis server for --key-store redis (default 127.0.0.1:6379)
  --service-user NAME     system user the app runs as when deployed by root; '' for root (default cdrun-sample)
  --health-path PATH      what ValidateService GETs (default /health)
  --health-attempts N     ValidateService attempts (default 8)
  --health-delay SECONDS  first pause between attempts, doubled each time up to 8 s (default 1)
  --health-timeout SECONDS  per-request timeout (default 5)
  --agent-log PATH        the agent's log, for the log shipping configs
                          (default /var/log/aws/codedeploy-agent/codedeploy-agent.log)
EOF
}

die() {
  echo "make-bundle: $*" >&2
  exit 2
}

here=$(cd "$(dirname "$0")" && pwd)
app_binary="" out="" prefix=/opt/cdrun-sample port=5000 proxy=nginx proxy_port=80 listen=0.0.0.0
revision=dev key_store=local redis=127.0.0.1:6379 service_user=cdrun-sample health_path=/health
health_attempts=8 health_delay=1 health_timeout=5 agent_log=/var/log/aws/codedeploy-agent/codedeploy-agent.log

while [ $# -gt 0 ]; do
  option=$1
  case $option in
    -h | --help) usage; exit 0 ;;
    --app-binary | --out | --prefix | --port | --proxy | --proxy-port | --listen | --revision | --key-store | \
      --redis | --service-user | --health-path | --health-attempts | --health-delay | --health-timeout | --agent-log)
      [ $# -ge 2 ] || die "$option needs a value"
      value=$2
      shift 2
      ;;
    *) usage >&2; die "unknown argument '$option'" ;;
  esac
  case $option in
    --app-binary) app_binary=$value ;;
    --out) out=$value ;;
    --prefix) prefix=$value ;;
    --port) port=$value ;;
    --proxy) proxy=$value ;;
    --proxy-port) proxy_port=$value ;;
    --listen) listen=$value ;;
    --revision) revision=$value ;;
    --key-store) key_store=$value ;;
    --redis) redis=$value ;;
    --service-user) service_user=$value ;;
    --health-path) health_path=$value ;;
    --health-attempts) health_attempts=$value ;;
    --health-delay) health_delay=$value ;;
    --health-timeout) health_timeout=$value ;;
    --agent-log) agent_log=$value ;;
  esac
done

valid_port() { [[ $1 =~ ^[0-9]{1,5}$ ]] && [ "$1" -ge 1 ] && [ "$1" -le 65535 ]; }
# Paths end up in configs and sed replacements: keep them to plain characters, absolute, no "..".
valid_path() { [[ $1 =~ ^/[A-Za-z0-9._/+-]*$ ]] && [[ ! $1 =~ (^|/)\.\.(/|$) ]]; }

[ -n "$app_binary" ] || die "--app-binary is required"
[ -n "$out" ] || die "--out is required"
[ -f "$app_binary" ] && [ -x "$app_binary" ] || die "--app-binary $app_binary is not an executable file"
prefix=${prefix%/}
valid_path "$prefix" && [ -n "$prefix" ] || die "--prefix must be an absolute path of letters, digits and ._+-/ (not /), got '$prefix'"
valid_port "$port" || die "--port must be a port number (1-65535), got '$port'"
valid_port "$proxy_port" || die "--proxy-port must be a port number (1-65535), got '$proxy_port'"
case $proxy in nginx | apache | none) ;; *) die "--proxy must be nginx, apache or none, got '$proxy'" ;; esac
[ "$proxy" = none ] || [ "$port" != "$proxy_port" ] || die "--port and --proxy-port are both $port; the app and the proxy need different ports"
[[ $listen =~ ^([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})$ ]] &&
  [ "${BASH_REMATCH[1]}" -le 255 ] && [ "${BASH_REMATCH[2]}" -le 255 ] && [ "${BASH_REMATCH[3]}" -le 255 ] &&
  [ "${BASH_REMATCH[4]}" -le 255 ] || die "--listen must be an IPv4 address such as 0.0.0.0 or 127.0.0.1, got '$listen'"
[[ $revision =~ ^[A-Za-z0-9._-]{1,64}$ ]] || die "--revision must be 1-64 letters, digits or ._-, got '$revision'"
case $key_store in local | redis) ;; *) die "--key-store must be local or redis, got '$key_store'" ;; esac
[[ $redis =~ ^[A-Za-z0-9.-]+:([0-9]+)$ ]] && valid_port "${BASH_REMATCH[1]}" || die "--redis must be HOST:PORT, got '$redis'"
[ -z "$service_user" ] || [[ $service_user =~ ^[a-z_][a-z0-9_-]{0,31}$ ]] || die "--service-user must be a user name such as cdrun-sample, got '$service_user'"
[[ $health_path =~ ^/[A-Za-z0-9._~/?=\&%-]*$ ]] || die "--health-path must start with / and hold no spaces or quotes, got '$health_path'"
[[ $health_attempts =~ ^[0-9]{1,3}$ ]] && [ "$health_attempts" -ge 1 ] || die "--health-attempts must be a whole number from 1, got '$health_attempts'"
[[ $health_delay =~ ^[0-9]{1,3}(\.[0-9]{1,3})?$ ]] || die "--health-delay must be a number of seconds such as 1 or 0.2, got '$health_delay'"
[[ $health_timeout =~ ^[0-9]{1,3}$ ]] && [ "$health_timeout" -ge 1 ] || die "--health-timeout must be a whole number of seconds from 1, got '$health_timeout'"
valid_path "$agent_log" || die "--agent-log must be an absolute path, got '$agent_log'"

# Replace only what is recognisably an earlier bundle: never empty someone's directory by mistake.
if [ -e "$out" ]; then
  [ -d "$out" ] || die "--out $out exists and is not a directory"
  if [ -n "$(ls -A "$out")" ] && [ ! -f "$out/config/sample-app.env" ]; then
    die "--out $out is not empty and holds no earlier bundle (config/sample-app.env); refusing to replace it"
  fi
fi
out_parent=$(dirname "$out")
mkdir -p "$out_parent"
staging=$(mktemp -d "$out_parent/.make-bundle.XXXXXX")
trap 'rm -rf "$staging"' EXIT

source_dir=$here/bundle
mkdir -p "$staging/app/bin" "$staging/config" "$staging/scripts/lib"
sed -e "s|@PREFIX@|$prefix|g" "$source_dir/appspec.yml.in" > "$staging/appspec.yml"
install -m 0755 "$app_binary" "$staging/app/bin/cdrun-sample-app"
install -m 0755 "$source_dir"/scripts/*.sh "$staging/scripts/"
install -m 0644 "$source_dir"/scripts/lib/*.sh "$staging/scripts/lib/"
install -m 0644 "$source_dir"/config/* "$staging/config/"
cat > "$staging/config/sample-app.env" << EOF
# Written by make-bundle.sh; read (never sourced) by the hook scripts of this revision.
PREFIX=$prefix
LISTEN=$listen
APP_PORT=$port
PROXY=$proxy
PROXY_PORT=$proxy_port
REVISION=$revision
KEY_STORE=$key_store
REDIS=$redis
SERVICE_USER=$service_user
HEALTH_PATH=$health_path
HEALTH_ATTEMPTS=$health_attempts
HEALTH_DELAY=$health_delay
HEALTH_TIMEOUT=$health_timeout
AGENT_LOG=$agent_log
EOF
chmod 0755 "$staging"

rm -rf "$out"
mv "$staging" "$out"
trap - EXIT
echo "make-bundle: wrote $out (revision $revision, prefix $prefix, proxy $proxy on $listen:$proxy_port -> 127.0.0.1:$port)"
