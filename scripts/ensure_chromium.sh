#!/usr/bin/env bash
# Make Debian's Chromium available for the browser tests. Never downloads a browser build of its
# own: it uses the system package manager when it can (root on Debian/Ubuntu) and otherwise says
# why the browser tests will be skipped (in CI, where CI=true, a missing browser is a failure).
set -euo pipefail
BROWSER="${TERMWEAVE_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$BROWSER" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium with apt-get (needed by the browser tests)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  [ -x "$BROWSER" ] && exit 0
fi
if [ "${CI:-}" = "true" ]; then
  echo "ERROR: Chromium is missing at $BROWSER and could not be installed; CI needs it." >&2
  exit 1
fi
echo "NOTE: Chromium not found at $BROWSER and cannot be installed here (not root on Debian/Ubuntu);" \
     "the browser tests will be skipped." >&2
