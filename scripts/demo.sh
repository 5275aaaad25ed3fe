#!/usr/bin/env bash
# The main job: build cdrun and the sample app (nothing else), validate the sample app's bundle,
# deploy it with `cdrun deploy` into a private deployment root with nginx on a free loopback port in
# front, check /health through nginx, deploy a second revision (whose ApplicationStop runs the
# FIRST revision's script), show where every log is, then validate a deliberately broken bundle
# to show the diagnostics. Everything it starts is stopped on exit; its temporary directory is
# removed unless --keep is given.
# Usage: scripts/demo.sh [--keep] [--build-dir DIR] [--no-build]
#   --keep       keep the temporary directory (deployment root, install, logs) for inspection
#   --build-dir  build into DIR instead of build/; --no-build: use DIR as it is (no setup.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

usage="usage: scripts/demo.sh [--keep] [--build-dir DIR] [--no-build]"
keep=false build_dir=build build=true
while [ $# -gt 0 ]; do
  case $1 in
    --keep) keep=true ;;
    --no-build) build=false ;;
    --build-dir)
      [ $# -ge 2 ] || { echo "demo: --build-dir needs a directory ($usage)" >&2; exit 2; }
      build_dir=$2
      shift
      ;;
    -h | --help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "demo: unknown argument '$1' ($usage)" >&2; exit 2 ;;
  esac
  shift
done

step() { printf '\n== %s ==\n' "$*"; }
show() { printf '+ %s\n' "$*"; "$@"; }
fail() {
  echo "demo: FAILED: $*" >&2
  exit 1
}
trap 'echo "demo: FAILED at line $LINENO: $BASH_COMMAND" >&2' ERR

if $build; then
  # Only what the demo runs: cdrun and the sample app with its bundle (the tests are the test command's).
  step "build cdrun and the sample app (scripts/setup.sh $build_dir)"
  CDRUN_TARGETS="cdrun sample-app-bundle" scripts/setup.sh "$build_dir"
fi
build_dir=$(cd "$build_dir" && pwd)
cdrun=$build_dir/runner/cdrun
app=$build_dir/sample-app/cdrun-sample-app
[ -x "$cdrun" ] || fail "$cdrun was not built"
[ -x "$app" ] || fail "$app was not built"

work=$(mktemp -d /tmp/cdrun-demo.XXXXXX)
# As root the app runs as the service user cdrun-sample, which must reach its data under $work.
chmod 0755 "$work"
prefix=$work/prefix
root=$work/deployment-root
# A live process; zombies count as gone (nothing may reap the daemons in a container).
alive() {
  local stat
  stat=$(cat "/proc/$1/stat" 2> /dev/null) || return 1
  [ "$(echo "${stat##*) }" | cut -c1)" != Z ]
}
# Stops the app and nginx through their pid files (bounded), whatever state the demo ended in.
cleanup() {
  local status=$? pid_file pid waited
  trap - ERR
  for pid_file in "$prefix/run/app.pid" "$prefix/proxy/run/proxy.pid"; do
    pid=$(cat "$pid_file" 2> /dev/null) || continue
    [[ $pid =~ ^[0-9]+$ ]] && alive "$pid" || continue
    kill -TERM "$pid" 2> /dev/null || true
    for ((waited = 0; waited < 100; waited++)); do
      alive "$pid" || break
      sleep 0.1
    done
    alive "$pid" && kill -KILL "$pid" 2> /dev/null
  done
  if $keep; then
    echo "demo: stopped the app and nginx; kept $work"
  else
    rm -rf "$work"
  fi
  exit "$status"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
app_port=$(free_port)
proxy_port=$(free_port)
while [ "$proxy_port" = "$app_port" ]; do proxy_port=$(free_port); done
agent_log_dir=$work/agent-log
cat > "$work/codedeployagent.yml" << EOF
:root_dir: $root
:log_dir: $agent_log_dir
EOF

make_revision() {
  bash sample-app/make-bundle.sh --app-binary "$app" --out "$work/bundles/$1" --prefix "$prefix" \
    --port "$app_port" --proxy nginx --proxy-port "$proxy_port" --listen 127.0.0.1 --revision "$1" \
    --agent-log "$agent_log_dir/codedeploy-local.log"
}
deploy() {
  show "$cdrun" deploy -l "$work/bundles/$1" -a cdrun-sample-app -g sample-app-group \
    -c "$work/codedeployagent.yml" | tee "$work/deploy-$1.out" || fail "cdrun deploy of revision $1 failed (see above)"
}
deployment_of() { sed -n 's/^Starting to execute deployment from within folder //p' "$work/deploy-$1.out"; }

step "validate the sample bundle staged by the build"
show "$cdrun" validate --strict "$build_dir/sample-app/bundle" || fail "the staged sample bundle is not valid"

step "revision v1: make the bundle and validate it"
make_revision v1
show "$cdrun" validate --strict "$work/bundles/v1" || fail "the v1 bundle is not valid"

step "deploy v1 (first deployment: no previous revision, so no ApplicationStop)"
deploy v1
health_url=http://127.0.0.1:$proxy_port/health
step "health through nginx"
show curl -sS -i --max-time 5 "$health_url" || fail "GET $health_url failed"
echo
curl -sS --max-time 5 "$health_url" | grep -q '"revision":"v1"' || fail "$health_url does not report revision v1"

step "a user created through nginx under v1"
token=$(curl -sS --max-time 5 "http://127.0.0.1:$proxy_port/users" | sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -n 1)
[ -n "$token" ] || fail "no csrf_token on the users page"
show curl -sS -o /dev/null -w '%{http_code}\n' --max-time 5 --data-urlencode "csrf_token=$token" \
  --data-urlencode "name=Ada Lovelace" --data-urlencode "email=ada@example.com" "http://127.0.0.1:$proxy_port/users"

step "revision v2: make and deploy (ApplicationStop runs v1's stop_server.sh)"
make_revision v2
deploy v2
second=$(deployment_of v2)
echo
echo "ApplicationStop in $second/logs/scripts.log (the previous revision's script):"
sed -n '/LifecycleEvent - ApplicationStop/,/LifecycleEvent - BeforeInstall/p' "$second/logs/scripts.log" | sed '$d'
grep -q 'stop_server (revision v1)' "$second/logs/scripts.log" || fail "ApplicationStop did not run v1's script"

step "health through nginx after v2"
show curl -sS --max-time 5 "$health_url"
echo
curl -sS --max-time 5 "$health_url" | grep -q '"revision":"v2"' || fail "$health_url does not report revision v2"
curl -sS --max-time 5 "http://127.0.0.1:$proxy_port/users" | grep -q 'ada@example.com' ||
  fail "the user created under v1 is gone after v2"
echo "the user created under v1 is still there (data in $prefix/data, outside what Install replaces)"

step "where the logs are"
cat << EOF
deployments log (every hook line):  $root/deployment-logs/codedeploy-agent-deployments.log
scripts logs (one per deployment):  $(deployment_of v1)/logs/scripts.log
                                    $second/logs/scripts.log
agent log (cdrun deploy):           $agent_log_dir/codedeploy-local.log
app log / app console:              $prefix/logs/app.log, $prefix/logs/console.log
nginx access / error log:           $prefix/proxy/logs/access.log, $prefix/proxy/logs/error.log
log shipping configs (rendered):    $prefix/etc/amazon-cloudwatch-agent.json, $prefix/etc/awslogs.conf
logrotate config (rendered):        $prefix/etc/logrotate.conf
EOF

step "cdrun validate tests/fixtures/bundles/broken (expected: invalid, with diagnostics)"
status=0
"$cdrun" validate tests/fixtures/bundles/broken || status=$?
[ "$status" -eq 1 ] || fail "the broken bundle should be invalid (exit 1), got exit $status"

echo
echo "demo: done"
