"""Bad input end to end through the CLI: one line on stderr naming the file and the reason, a
non-zero exit code, and a store that holds exactly what it held before."""

# ruff: noqa: F811  (the store fixtures are imported from tests/cli and used as arguments)

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from plankg import writes
from plankg.analysis import answers
from plankg.ingest import ingest_path, sample_path
from plankg.store import EmbeddedStore, export_graph
from plankg.store.load import load_plan
from tests.cli.conftest import (  # noqa: F401  (fixtures used by the tests below)
    EXAMPLES,
    invoke,
    sample_db,
    sample_db_template,
    unchanged,
)
from tests.cli.inputs import write_image_only_pdf, write_large_plan

PLANKG = Path(sys.executable).with_name("plankg")


def error_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    return lines[0]


def junk() -> bytes:
    return bytes(range(256)) * 16


BAD_FILES = {
    # name: (content, exit code, what the message says)
    "empty.txt": (b"", 2, "empty.txt: the document contains no text"),
    "blank.txt": (" \n\u3000\n\t\n".encode(), 2, "blank.txt: the document contains no text"),
    "junk.txt": (junk(), 2, "junk.txt: binary or undecodable"),
    "plan.xlsx": (b"PK\x03\x04 spreadsheet", 2, "plan.xlsx"),
    "plan.docx": (junk(), 2, "plan.docx: not a readable .docx"),
    "plan.pdf": (b"%PDF-1.4 truncated", 2, "plan.pdf: not a readable PDF"),
    "notes.txt": (
        "会议纪要：大家围绕工作进行了讨论，形成了一致意见。".encode(),
        2,
        "no recognisable outline (一、/（一）/1.) in notes.txt",
    ),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_bad_file_is_one_line_and_changes_nothing(tmp_path, sample_db, unchanged, name):
    data, code, message = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(data)
    result = invoke("ingest", "--db", sample_db, path)
    assert result.exit_code == code
    assert message in error_line(result)
    unchanged()


def test_unsupported_extension_names_what_is_read(tmp_path, sample_db, unchanged):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"PK\x03\x04")
    line = error_line(invoke("ingest", "--db", sample_db, path))
    assert all(ext in line for ext in (".txt", ".docx", ".pdf", ".html"))
    unchanged()


def test_image_only_pdf_asks_for_ocr(tmp_path, sample_db, unchanged):
    pytest.importorskip("fpdf")
    path = write_image_only_pdf(tmp_path / "scan.pdf")
    result = invoke("ingest", "--db", sample_db, path)
    assert result.exit_code == 2
    assert error_line(result) == "error: scan.pdf: scanned PDF: no text layer; run OCR first"
    unchanged()


def unreadable_paths(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    broken = tmp_path / "broken-link.txt"
    broken.symlink_to(tmp_path / "gone.txt")
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    return {
        "missing": (tmp_path / "absent.txt", "absent.txt: no such file"),
        "broken symlink": (broken, "broken-link.txt: no such file"),
        "directory": (folder, "folder.txt: is a directory, not a file"),
    }


@pytest.mark.parametrize("case", ["missing", "broken symlink", "directory"])
def test_paths_that_cannot_be_read(tmp_path, sample_db, unchanged, case):
    path, message = unreadable_paths(tmp_path)[case]
    result = invoke("ingest", "--db", sample_db, path)
    assert result.exit_code == 2
    assert message in error_line(result)
    unchanged()


@pytest.mark.skipif(
    os.geteuid() == 0,
    reason="root reads files whatever their mode; the "
    "directory and broken-symlink cases cover unreadable paths instead",
)
def test_file_without_read_permission(tmp_path, sample_db, unchanged):
    path = tmp_path / "locked.txt"
    path.write_text("一、总体要求\n", encoding="utf-8")
    path.chmod(0)
    result = invoke("ingest", "--db", sample_db, path)
    assert result.exit_code == 2
    assert "locked.txt: cannot be read (Permission denied)" in error_line(result)
    unchanged()


def test_a_bad_file_among_good_ones_loads_none_of_them(tmp_path, sample_db, unchanged):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = invoke("ingest", "--db", sample_db, EXAMPLES / "weifang_kjj_2024_9.txt", bad)
    assert result.exit_code == 2
    assert "empty.txt" in error_line(result)
    unchanged()


def test_file_over_the_size_limit(tmp_path, sample_db, unchanged, monkeypatch):
    from plankg.settings import get_settings

    monkeypatch.setenv("PLANKG_MAX_FILE_MB", "1")
    get_settings.cache_clear()
    try:
        path = write_large_plan(tmp_path / "big.txt", 2 * 1024 * 1024)
        result = invoke("ingest", "--db", sample_db, path)
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 2
    assert "big.txt:" in error_line(result) and "over the limit of 1048576 bytes" in error_line(
        result
    )
    unchanged()


FLAT_TEXT = "关于做好今年工业运行工作的说明。各科室要加强调度，及时报送数据，确保平稳运行。"


def test_no_outline_loads_as_one_section_when_allowed(tmp_path, sample_db):
    path = tmp_path / "notes.txt"
    path.write_text(FLAT_TEXT, encoding="utf-8")
    result = invoke("ingest", "--db", sample_db, "--allow-unstructured", path)
    assert result.exit_code == 0, result.output
    assert "警告: notes.txt: no numbered outline; loaded as one section" in result.stderr
    plans = {p.plan_id: p for p in answers.list_plans(EmbeddedStore(sample_db, read_only=True))}
    assert len(plans) == 2 and sum(p.tasks for p in plans.values()) == 29 + 1


UNBALANCED = textwrap.dedent("""\
    青山县工业和信息化局文件
    青工信发〔2024〕3号
    青山县工业和信息化局2024年工作要点
    一、重点任务
    （一）推进技术改造。实施技改项目20个。（技改股负责
    （二）培育规上企业。新增规上企业10家。（企业股负责）
    """)


def test_unbalanced_responsibility_bracket_warns_with_position_and_loads(tmp_path, sample_db):
    path = tmp_path / "qingshan.txt"
    path.write_text(UNBALANCED, encoding="utf-8")
    result = invoke("ingest", "--db", sample_db, path)
    assert result.exit_code == 0, result.output
    warning = result.stderr.strip()
    assert warning.startswith(
        "警告: qingshan.txt: task 1.1: responsibility clause opened at character "
    )
    assert "has no closing bracket" in warning
    with EmbeddedStore(sample_db, read_only=True) as store:
        ledger = store.run_read(
            "MATCH (o:Office)-[r:RESPONSIBLE_FOR]->(t:Task) WHERE t.plan_id = $p "
            "RETURN t.code AS code, o.name AS office ORDER BY code",
            {"p": "青工信发-2024-3"},
        )
    assert ledger == [{"code": "1.1", "office": "技改股"}, {"code": "1.2", "office": "企业股"}]


HOLD_STORE = textwrap.dedent("""\
    import sys, time
    from plankg.store import EmbeddedStore
    store = EmbeddedStore(sys.argv[1])
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]))
    """)


def test_store_held_by_another_process(tmp_path, sample_db, unchanged):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_STORE, str(sample_db), "30"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        result = invoke("ingest", "--db", sample_db, EXAMPLES / "weifang_kjj_2024_9.txt")
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 3
    assert error_line(result) == (
        f"error: {sample_db}: the database is in use by process {holder.pid}; close the other "
        f"plankg process or use --db to pick another file"
    )
    unchanged()


class FailOnStep:
    """An ``on_batch`` hook that counts write statements and fails at the n-th one."""

    def __init__(self, fail_at: int | None = None) -> None:
        self.fail_at, self.seen = fail_at, 0

    def __call__(self, step: str, rows: int) -> None:
        self.seen += 1
        if self.seen == self.fail_at:
            raise OSError(f"disk full at step {step}")


def revised_sample():
    revision = ingest_path(sample_path())
    revision.tasks = revision.tasks[:-1]
    return revision


LOADS = {
    "replace the sample with a revision": lambda store: load_plan(store, revised_sample()),
    "add a second plan": lambda store: writes.ingest_files(
        store, [EXAMPLES / "weifang_kjj_2024_9.txt"]
    ),
}


@pytest.mark.parametrize("where", ["first", "middle", "last"])
@pytest.mark.parametrize("load", list(LOADS))
def test_a_failure_mid_load_rolls_back_the_whole_plan(tmp_path, sample_db, load, where):
    probe_db = tmp_path / "probe" / "graph.lbdb"
    probe_db.parent.mkdir()
    for file in sample_db.parent.iterdir():
        (probe_db.parent / file.name).write_bytes(file.read_bytes())
    with EmbeddedStore(probe_db, on_batch=(counter := FailOnStep())) as probe:
        LOADS[load](probe)
    fail_at = {"first": 1, "middle": counter.seen // 2, "last": counter.seen}[where]

    with EmbeddedStore(sample_db) as store:
        before = export_graph(store)
        store.on_batch = FailOnStep(fail_at)
        with pytest.raises(OSError, match="disk full"):
            LOADS[load](store)
        store.on_batch = None
        assert export_graph(store) == before


def test_real_console_script_prints_one_line_and_exits_non_zero(tmp_path, sample_db, unchanged):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    run = subprocess.run(
        [str(PLANKG), "ingest", "--db", str(sample_db), str(empty)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 2
    assert run.stderr == "error: empty.txt: the document contains no text\n"
    assert run.stdout == ""
    unchanged()


# The peak is read from VmHWM: getrusage's ru_maxrss survives execve, so a child of a large
# test process would report its parent's peak.
INGEST_AND_MEASURE = textwrap.dedent("""\
    import re, sys
    from pathlib import Path
    from plankg import writes
    from plankg.store import EmbeddedStore
    with EmbeddedStore(sys.argv[2]) as store:
        outcome, = writes.ingest_files(store, [sys.argv[1]])
    status = Path("/proc/self/status").read_text()
    peak_kb = int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1))
    print(len(outcome.plan.tasks), peak_kb // 1024)
    """)


def test_a_large_plan_loads_in_bounded_memory(tmp_path):
    """A 2 MB plan-like text (≈2,900 tasks, ≈20,000 rows) read, extracted and written in one
    transaction by a fresh process. Measured here: ≈610 MB peak, of which ≈300 MB is the
    interpreter, the NLP dictionaries and an open store; the bound catches a reader or loader
    that starts keeping extra copies. The README reports the same measurement on 50 MB."""
    path = write_large_plan(tmp_path / "large.txt", 2 * 1024 * 1024)
    started = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-c", INGEST_AND_MEASURE, str(path), str(tmp_path / "graph.lbdb")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    tasks, peak_mb = map(int, run.stdout.split())
    assert tasks > 2500
    assert peak_mb < 900, f"peak RSS {peak_mb} MB"
    assert time.monotonic() - started < 120
