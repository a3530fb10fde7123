#!/usr/bin/env bash
# Make Java (11 or later) available for the W3C HTML checker the markup tests run (vnu.jar). Uses
# the system package manager when it can (root on Debian/Ubuntu) and otherwise says why those
# tests will be skipped (in CI, where CI=true, a missing Java is a failure).
set -euo pipefail
if command -v java >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Java with apt-get (needed by the HTML checker)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null
  command -v java >/dev/null 2>&1 && exit 0
fi
if [ "${CI:-}" = "true" ]; then
  echo "ERROR: Java is missing and could not be installed; CI needs it for the HTML checker." >&2
  exit 1
fi
echo "NOTE: Java not found and cannot be installed here (not root on Debian/Ubuntu);" \
     "the HTML checker's tests will be skipped." >&2
