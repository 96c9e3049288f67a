"""Progress bars appear on a terminal and nowhere else."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from tests.cli.conftest import EXAMPLES

PLANKG = Path(sys.executable).with_name("plankg")


def run_on_terminal(args: list[str]) -> tuple[int, str]:
    """Run with stdout and stderr on a pseudo-terminal; everything it drew, as text."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        args,
        stdout=terminal,
        stderr=terminal,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "COLUMNS": "100", "TERM": "xterm"},
    )
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    return process.wait(timeout=300), b"".join(chunks).decode("utf-8", "replace")


def test_progress_on_a_terminal(tmp_path):
    code, screen = run_on_terminal(
        [
            str(PLANKG),
            "ingest",
            "--db",
            str(tmp_path / "g.lbdb"),
            str(EXAMPLES / "weifang_kjj_2024_9.txt"),
        ]
    )
    assert code == 0, screen
    assert "读取 1 个文件" in screen
    assert "载入" in screen


def test_no_progress_when_output_is_redirected(tmp_path):
    run = subprocess.run(
        [
            str(PLANKG),
            "ingest",
            "--db",
            str(tmp_path / "g.lbdb"),
            str(EXAMPLES / "weifang_kjj_2024_9.txt"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    assert "reading" not in run.stdout
