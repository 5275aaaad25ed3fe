#!/bin/sh
# The example "application": answers HTTP on 127.0.0.1:$APP_PORT until it is stopped. It serves
# its own directory: the working directory it inherits from the agent may be "/".
cd "$(dirname "$0")" || exit 1
exec python3 -m http.server "${APP_PORT:-5000}" --bind 127.0.0.1
