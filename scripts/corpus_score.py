#!/usr/bin/env python3
"""Score plankg on the real-plan corpus beside the checkout and hold the line.

Runs the reference scorer (``../shared/corpus/score.py``), prints its table, and fails when an
overall figure falls below the floor recorded in ``scripts/corpus_floor.json`` (the last figures
measured on main), so an extraction change that loses ground cannot land. The scorer's own
thresholds are the goal; when they are met this script says so and the floor no longer matters.

    python scripts/corpus_score.py [--corpus DIR] [--details DIR]

Standard library only. Exit 0 when every figure is at or above its floor, 1 when one is below,
2 when the corpus or the scorer cannot be run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR_FILE = ROOT / "scripts" / "corpus_floor.json"
SUMMARY = re.compile(
    r"task_F1=(?P<task_f1>[\d.]+).*owner_F1=(?P<owner_f1>[\d.]+).*"
    r"owner_role_F1=(?P<owner_role_f1>[\d.]+).*target_recall=(?P<target_recall>[\d.]+)"
)
TOLERANCE = 0.005  # the figures are printed to three places


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--details", type=Path, default=None)
    args = parser.parse_args()
    scorer = args.corpus / "score.py"
    if not scorer.is_file():
        print(f"corpus-score: no scorer at {scorer}", file=sys.stderr)
        return 2
    plankg = os.environ.get("PLANKG") or str(ROOT / ".venv" / "bin" / "plankg")
    command = [sys.executable, str(scorer)]
    if args.details:
        command += ["--details", str(args.details)]
    run = subprocess.run(
        command, env={**os.environ, "PLANKG": plankg}, capture_output=True, text=True
    )
    print(run.stdout, end="")
    print(run.stderr, end="", file=sys.stderr)
    summary = next((line for line in run.stdout.splitlines() if line.startswith("SUMMARY")), "")
    found = SUMMARY.search(summary)
    if not found:
        print("corpus-score: the scorer printed no SUMMARY line", file=sys.stderr)
        return 2
    measured = {name: float(value) for name, value in found.groupdict().items()}
    if run.returncode == 0:
        print("corpus-score: the scorer's thresholds are met")
        return 0
    floors = json.loads(FLOOR_FILE.read_text(encoding="utf-8"))["floors"]
    below = [
        f"{name} {measured[name]:.3f} < floor {floor:.3f}"
        for name, floor in floors.items()
        if measured[name] + TOLERANCE < floor
    ]
    if below:
        print("corpus-score: below the recorded floor: " + "; ".join(below), file=sys.stderr)
        return 1
    print("corpus-score: at or above the recorded floor (the scorer's thresholds are not met yet)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
