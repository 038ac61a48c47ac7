#!/usr/bin/env bash
# Browser end-to-end tests of the Kashf workbench (registered in CTest as e2e.workbench).
# Usage: tests/e2e/run.sh <kashf binary> <source dir>
# Builds web/dist (npm ci first when web/node_modules is missing), then runs every
# tests/e2e/*.test.mjs with node's test runner (workbench.test.mjs, early-warning.test.mjs,
# gaps.test.mjs, ...; tests/e2e/harness.mjs and toolkit.mjs have their shared pieces): each makes a small synthetic store, the
# demo users of every role, starts `kashf serve` on a free loopback port and drives Debian's
# Chromium (/usr/bin/chromium, package `chromium`) through playwright-core. No browser is
# downloaded; no request may leave 127.0.0.1).
set -euo pipefail
KASHF="$(realpath "$1")"
SRC="$(realpath "$2")"
CHROMIUM="${KASHF_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  echo "e2e: $CHROMIUM not found; install Debian's chromium (scripts/install-deps.sh)" >&2
  exit 1
fi
command -v node >/dev/null || { echo "e2e: node is required (Debian package nodejs, or node 20+)" >&2; exit 1; }
cd "$SRC/web"
if [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
npm run --silent build > /dev/null
KASHF_BIN="$KASHF" KASHF_SRC="$SRC" KASHF_CHROMIUM="$CHROMIUM" \
  node --test --test-concurrency=1 --test-timeout=300000 "$SRC/web/test/" "$SRC"/tests/e2e/*.test.mjs
