#!/bin/bash
# BeforeInstall: installs what the application needs (python3) with the host's package manager,
# only when it is missing, so re-running a deployment is harmless and fast.
set -euo pipefail
if command -v python3 >/dev/null 2>&1; then
  echo "dependencies present"
  exit 0
fi
if command -v apt-get >/dev/null 2>&1; then
  # A fresh host may have no package lists yet.
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3
elif command -v dnf >/dev/null 2>&1; then
  dnf install -y -q python3
elif command -v yum >/dev/null 2>&1; then
  yum install -y -q python3
else
  echo "python3 is missing and no apt-get, dnf or yum was found to install it" >&2
  exit 1
fi
command -v python3 >/dev/null 2>&1 || { echo "python3 still missing after installing it" >&2; exit 1; }
echo "dependencies installed"
