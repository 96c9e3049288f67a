#!/usr/bin/env bash
# Set up a development environment from scratch: system packages (when root and missing),
# a virtualenv in .venv with plankg and its dev extras, and the Cypher lint's node modules.
# Idempotent: re-running skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

want_system="${PLANKG_SETUP_SYSTEM:-1}"
if [ "$want_system" = "1" ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-wqy-microhei fontconfig)
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "setup: installing system packages: ${missing[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
. .venv/bin/activate
export PIP_DISABLE_PIP_VERSION_CHECK=1
python -m pip install -q --upgrade pip >/dev/null
python -m pip install -q -e '.[dev]'

if command -v npm >/dev/null 2>&1 && [ -f tools/cypher-lint/package.json ]; then
  (cd tools/cypher-lint && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
echo "setup: ready (.venv)"
