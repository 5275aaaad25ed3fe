#!/bin/bash
# shellcheck source-path=SCRIPTDIR
# BeforeInstall: makes sure the host has what this revision needs (the proxy, curl, setsid),
# the service user and the directories beside the install. Idempotent: re-running is harmless.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"
load_settings

missing_packages=()
need() { find_program "$1" > /dev/null || missing_packages+=("$2"); }
need curl curl
need setsid util-linux
runs_as_service_user && need setpriv util-linux
case $PROXY in
  nginx) need nginx nginx ;;
  apache) need apache2 apache2 ;;
esac
if [ "${#missing_packages[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get > /dev/null; then
    say "installing ${missing_packages[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=120 install -y -qq --no-install-recommends \
      "${missing_packages[@]}" < /dev/null || fail "apt-get could not install ${missing_packages[*]}"
  else
    fail "this host lacks ${missing_packages[*]}; install with: sudo apt-get install ${missing_packages[*]}"
  fi
fi
if [ "$PROXY" = none ]; then say "found curl and setsid"; else say "found curl, setsid and $PROXY"; fi

if [ "$(id -u)" -ne 0 ]; then
  say "not running as root: skipping the service user; cdrun-sample-app will run as $(id -un)"
elif [ -z "$SERVICE_USER" ]; then
  say "no service user configured; cdrun-sample-app will run as root"
elif id -u "$SERVICE_USER" > /dev/null 2>&1; then
  say "service user $SERVICE_USER exists"
else
  # Two deployments on one host may race here; losing the race is fine when the user exists.
  useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin \
    "$SERVICE_USER" 2> /dev/null || id -u "$SERVICE_USER" > /dev/null 2>&1 ||
    fail "could not create the system user $SERVICE_USER"
  say "created the system user $SERVICE_USER"
fi

mkdir -p "$DATA_DIR" "$LOG_DIR" "$RUN_DIR" "$ETC_DIR" "$PROXY_DIR"/{conf,logs,run,tmp}
if runs_as_service_user; then
  chown "$SERVICE_USER:$SERVICE_USER" "$DATA_DIR" "$LOG_DIR"
  chmod 0750 "$DATA_DIR"
  # A parent directory the user cannot search (a 0700 temp dir, a private home) would make the
  # app fail at start with a less helpful message.
  setpriv --reuid="$SERVICE_USER" --regid="$SERVICE_USER" --init-groups test -w "$DATA_DIR" -a -w "$LOG_DIR" ||
    fail "$SERVICE_USER cannot write $DATA_DIR and $LOG_DIR: a parent directory of $PREFIX is not searchable by it"
fi
say "directories ready under $PREFIX (data and logs are outside $APP_DIR and survive every deployment)"
