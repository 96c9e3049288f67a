#!/usr/bin/env bash
# Set up everything a fresh machine needs, then run the whole test suite
# (the Cypher lint against Neo4j's grammar runs inside it, in tests/graph/test_cypher_lint.py).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
. .venv/bin/activate
python -m pytest -q -p no:cacheprovider "$@"
