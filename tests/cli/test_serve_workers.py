"""`plankg serve --workers N`: several processes only over a store they cannot write."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def test_several_workers_refuse_a_writable_embedded_store(tmp_path):
    env = {**os.environ, "PLANKG_API_KEY": "secret", "PLANKG_DB": str(tmp_path / "x.lbdb")}
    env.pop("PLANKG_NEO4J_URI", None)
    run = subprocess.run(
        [sys.executable, "-m", "plankg.cli", "serve", "--workers", "2", "--port", "0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 2
    assert run.stderr.strip().count("\n") == 0
    assert "--workers > 1 needs a read-only embedded store" in run.stderr


def test_workers_get_the_store_choice_through_the_environment(tmp_path):
    from plankg.cli.serve import settings_environment
    from plankg.settings import Settings

    env = settings_environment(Settings(db=tmp_path / "a.lbdb", neo4j_uri="bolt://h:7687"))
    assert env == {"PLANKG_DB": str(tmp_path / "a.lbdb"), "PLANKG_NEO4J_URI": "bolt://h:7687"}


def _serve(tmp_path, db, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PLANKG_DB": str(db)}
    for name in ("PLANKG_NEO4J_URI", "PLANKG_API_KEY"):
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "plankg.cli", "serve", "--port", "0", *extra],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=tmp_path,
    )


@pytest.mark.parametrize("workers", ["1", "2"])
def test_serve_on_a_missing_store_is_one_line_and_exit_3(tmp_path, workers):
    run = _serve(tmp_path, tmp_path / "missing.lbdb", "--workers", workers)
    assert run.returncode == 3
    assert run.stderr.strip().count("\n") == 0, run.stderr
    assert "missing.lbdb: no database file to open read-only" in run.stderr


def test_serve_on_a_file_that_is_no_store_is_one_line_and_exit_3(tmp_path):
    junk = tmp_path / "junk.lbdb"
    junk.write_bytes(b"not a database\n" * 100)
    run = _serve(tmp_path, junk)
    assert run.returncode == 3
    assert run.stderr.strip().count("\n") == 0, run.stderr
    assert "junk.lbdb: cannot open the database" in run.stderr
