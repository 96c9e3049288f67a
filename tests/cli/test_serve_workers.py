"""`plankg serve --workers N`: several processes only over a store they cannot write."""

from __future__ import annotations

import os
import subprocess
import sys


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
