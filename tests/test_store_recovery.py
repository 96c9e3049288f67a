"""Stores that recover: a write without room is refused before it touches the store, an I/O
error part-way through a write leaves the store openable with its old data and a true message,
and a checkpoint a killed process left half-done is finished by the next opener (read-only
included). The errors are real: a child process with a small RLIMIT_FSIZE (writes past it fail
with EFBIG, as on a full disk) or killed while its checkpoint runs."""

# ruff: noqa: F811  (the store fixtures are imported from tests/cli and used as arguments)

from __future__ import annotations

import logging
import os
import resource
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from plankg.store import EmbeddedStore
from tests.cli.conftest import (  # noqa: F401  (fixtures used by the tests below)
    EXAMPLES,
    sample_db,
    sample_db_template,
    unchanged,
)

SECOND_PLAN = EXAMPLES / "weifang_kjj_2024_9.txt"


def plan_count(db: Path, *, read_only: bool = True) -> int:
    with EmbeddedStore(db, read_only=read_only) as store:
        return int(store.run_read("MATCH (p:Plan) RETURN count(p) AS n")[0]["n"])


def files_of(db: Path) -> dict[str, int]:
    # Sizes, not bytes: a writable open rewrites the header in place.
    return {p.name: p.stat().st_size for p in db.parent.iterdir()}


def file_size_limit(limit: int):
    """A preexec_fn: writes past ``limit`` bytes fail with EFBIG instead of killing the child."""

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def run_child(args: list[str], limit: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        preexec_fn=file_size_limit(limit),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_write_without_room_is_refused_before_it_touches_the_store(sample_db, unchanged):
    before = files_of(sample_db)
    limit = sample_db.stat().st_size + 2**20  # a little room, less than a plan needs
    run = run_child(["-m", "plankg.cli", "ingest", "--db", str(sample_db), str(SECOND_PLAN)], limit)
    assert run.returncode == 3, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert "refused, nothing was changed" in lines[0]
    assert "free some space" in lines[0]
    assert files_of(sample_db) == before
    unchanged()


# The room check is switched off so that the write really fails part-way: the library then
# aborts the process with its log half-written, as a disk that fills during the write does.
WRITE_WITHOUT_CHECK = textwrap.dedent("""\
    import sys
    from plankg import writes
    from plankg.store import EmbeddedStore, space
    space.check_room = lambda *args: None
    with EmbeddedStore(sys.argv[1]) as store:
        writes.ingest_files(store, [sys.argv[2]])
    print("loaded")
    """)


def test_an_io_error_part_way_through_a_write_leaves_the_old_data(sample_db, caplog):
    run = run_child(["-c", WRITE_WITHOUT_CHECK, str(sample_db), str(SECOND_PLAN)], 32 * 1024)
    assert run.returncode != 0 and "loaded" not in run.stdout, run.stderr
    with caplog.at_level(logging.WARNING, logger="plankg.store"):
        assert plan_count(sample_db) == 1
    assert "was not applied; the store holds the data it had before it" in caplog.text
    kept = [p.name for p in sample_db.parent.iterdir() if ".wal.torn-" in p.name]
    assert len(kept) == 1  # set aside, not deleted
    assert plan_count(sample_db, read_only=False) == 1  # and writable again


def test_a_write_committed_before_the_disk_filled_says_it_is_saved(sample_db):
    # Room for the log but not for the checkpoint that copies it into the database file.
    limit = sample_db.stat().st_size + 4096
    run = run_child(["-c", WRITE_WITHOUT_CHECK, str(sample_db), str(SECOND_PLAN)], limit)
    # The plan is committed; only folding the log into the file failed, and the words say so.
    assert "is saved" in run.stderr, run.stderr
    assert "nothing was changed" not in run.stderr
    assert plan_count(sample_db) == 2


# A large filler table gives the checkpoint long enough to be caught with its shadow file out.
CHECKPOINT_FOREVER = textwrap.dedent("""\
    import sys
    from plankg.store import EmbeddedStore
    store = EmbeddedStore(sys.argv[1])
    conn = store._conn()
    conn.execute("CREATE NODE TABLE Filler(id INT64, s STRING, PRIMARY KEY(id))")
    conn.execute("UNWIND range(1, 20000) AS i CREATE (:Filler {id: i, s: 'x' + string(i)})")
    conn.execute("CHECKPOINT")
    """)


def test_a_checkpoint_left_half_done_is_finished_by_a_read_only_opener(sample_db):
    child = subprocess.Popen([sys.executable, "-c", CHECKPOINT_FOREVER, str(sample_db)])
    shadow = sample_db.with_name(sample_db.name + ".shadow")
    deadline = time.monotonic() + 60
    while not shadow.exists() and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.0005)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert shadow.exists(), "the checkpoint finished before it could be interrupted"
    assert plan_count(sample_db) == 1
    assert not shadow.exists()
