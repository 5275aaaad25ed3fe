#!/bin/bash
# Installs what the application needs; idempotent, so re-running a deployment is harmless.
set -euo pipefail
if ! command -v python3 >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3
fi
echo "dependencies present"
