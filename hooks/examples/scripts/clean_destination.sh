#!/bin/bash
# BeforeInstall: removes files the agent did not install (left by hand or by another deployment
# group) so that Install does not fail with "a specified file already exists". Only strictly
# inside an allowed root: /opt, /srv, or the one extra directory CLEAN_ALLOWED_ROOT names.
set -euo pipefail
# Canonical paths, so that "/opt/../etc" or a symlink cannot lead the cleaning elsewhere.
dest=$(realpath -m "${APP_PREFIX:-/opt/cdrun-example}/app")
roots=(/opt /srv)
if [ -n "${CLEAN_ALLOWED_ROOT:-}" ]; then roots+=("$(realpath -m "$CLEAN_ALLOWED_ROOT")"); fi
allowed=no
for root in "${roots[@]}"; do
  case "$dest" in
    "$root"/?*) allowed=yes ;;
  esac
done
if [ "$allowed" != yes ]; then
  echo "refusing to clean $dest: not inside one of: ${roots[*]}" >&2
  exit 1
fi
if [ -d "$dest" ]; then
  find "$dest" -mindepth 1 -delete
fi
echo "cleaned $dest"
