"""The corpus gate: below the recorded floor fails, at or above it passes, the scorer's own
thresholds met passes whatever the floor."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FLOORS = json.loads((ROOT / "scripts" / "corpus_floor.json").read_text(encoding="utf-8"))["floors"]


def fake_scorer(tmp_path: Path, figures: dict[str, float], exit_code: int) -> Path:
    line = (
        f"SUMMARY {'PASS' if exit_code == 0 else 'FAIL'}: files=1 ingest_ok=1 "
        f"task_F1={figures['task_f1']:.3f} (R=1 P=1) owner_F1={figures['owner_f1']:.3f} (P=1 R=1) "
        f"owner_role_F1={figures['owner_role_f1']:.3f} target_recall={figures['target_recall']:.3f}"
    )
    (tmp_path / "score.py").write_text(
        f"import sys\nprint({line!r})\nsys.exit({exit_code})\n", encoding="utf-8"
    )
    return tmp_path


def gate(corpus: Path) -> int:
    script = ROOT / "scripts" / "corpus_score.py"
    return subprocess.run([sys.executable, str(script), "--corpus", str(corpus)]).returncode


@pytest.mark.parametrize(
    ("change", "scorer_exit", "expected"),
    [
        ({}, 1, 0),  # at the floor, thresholds not met yet
        ({"target_recall": -0.05}, 1, 1),  # lost ground
        ({"owner_f1": -0.05}, 0, 0),  # the scorer's thresholds are met: the goal, not the floor
    ],
)
def test_gate(tmp_path, change, scorer_exit, expected):
    figures = {name: floor + change.get(name, 0.0) for name, floor in FLOORS.items()}
    assert gate(fake_scorer(tmp_path, figures, scorer_exit)) == expected


def test_no_scorer_is_an_error(tmp_path):
    assert gate(tmp_path) == 2
