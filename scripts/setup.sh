#!/usr/bin/env bash
# Set up plankg from scratch in .venv. Idempotent: re-running skips what is already there.
#   bash scripts/setup.sh         runtime only (enough to ingest, query and serve)
#   bash scripts/setup.sh --dev   also the test tools: dev extras, the Cypher lint's node modules,
#                                 and (as root on Debian) chromium and a CJK font for the
#                                 browser and PDF tests
set -euo pipefail
cd "$(dirname "$0")/.."

dev=0
[ "${1:-}" = "--dev" ] && dev=1

if [ "$dev" = 1 ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  { command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh 2>/dev/null | grep -q .; } \
    || missing+=(fonts-wqy-microhei fontconfig)
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "setup: installing system packages: ${missing[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  fi
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
. .venv/bin/activate
export PIP_DISABLE_PIP_VERSION_CHECK=1
python -m pip install -q --upgrade pip >/dev/null
if [ "$dev" = 1 ]; then
  python -m pip install -q -e '.[dev]'
  if command -v npm >/dev/null 2>&1 && [ -f tools/cypher-lint/package.json ]; then
    (cd tools/cypher-lint && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
else
  python -m pip install -q -e .
fi
echo "setup: ready (.venv)"
