#!/usr/bin/env bash
# The lint and type gates, configured in pyproject.toml: ruff (lint and format) and mypy (strict).
#   bash scripts/lint.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] && . .venv/bin/activate
python -m ruff check plankg tests scripts
python -m ruff format --check plankg tests scripts
python -m mypy
