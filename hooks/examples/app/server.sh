#!/bin/sh
# The example "application": answers on a port until it is stopped.
exec python3 -m http.server "${APP_PORT:-5000}" --bind 127.0.0.1
