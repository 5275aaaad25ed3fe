#!/bin/bash
# Removes files the agent did not install (left by hand or by another deployment group) so that
# Install does not fail with "a specified file already exists". Only inside our own prefix.
set -euo pipefail
dest=${APP_PREFIX:-/opt/cdrun-example}/app
case "$dest" in
  /opt/*|/srv/*|/tmp/*) ;;
  *) echo "refusing to clean $dest: not under /opt, /srv or /tmp" >&2; exit 1 ;;
esac
if [ -d "$dest" ]; then
  find "$dest" -mindepth 1 -delete
fi
echo "cleaned $dest"
