"""What the CLI writes for a reader: Chinese by default, English with --lang en or PLANKG_LANG,
every explanation and piece of evidence whole when the output is piped (one line per row), and
exports that fit their tools."""

from __future__ import annotations

import subprocess
import sys

import networkx as nx
import pytest
from typer.testing import CliRunner

from plankg.analysis.gaps import gap_report
from plankg.cli import app
from plankg.store import EmbeddedStore

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("lang") / "lang.lbdb"
    result = runner.invoke(app, ["ingest", "--db", str(path), "--json"])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(autouse=True)
def chinese_unless_set(monkeypatch):
    """Settings are read once per process: each test starts from no PLANKG_LANG."""
    from plankg.settings import get_settings

    monkeypatch.delenv("PLANKG_LANG", raising=False)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def english_by_environment(monkeypatch) -> None:
    from plankg.settings import get_settings

    monkeypatch.setenv("PLANKG_LANG", "en")
    get_settings.cache_clear()


@pytest.fixture(scope="module")
def report(db):
    with EmbeddedStore(db, read_only=True) as store:
        return gap_report(store)


def test_gaps_piped_print_every_explanation_and_evidence_whole_in_chinese(db, report):
    result = runner.invoke(app, ["gaps", "--db", str(db)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split("\t") == ["严重程度", "类型", "缺口", "原文依据"]
    rows = [line.split("\t") for line in lines[1 : 1 + len(report.gaps)]]
    assert [row[2] for row in rows] == [g.explanation_zh for g in report.gaps]
    assert [row[3] for row in rows] == [
        " / ".join(e.phrase for e in g.evidence) for g in report.gaps
    ]
    assert {row[1] for row in rows} >= {"多家分别负责、无牵头", "无责任单位"}
    assert "shared_without_lead" not in result.stdout.split("\n未检查")[0]


def test_gaps_in_english_on_request(db, report, monkeypatch):
    by_option = runner.invoke(app, ["gaps", "--db", str(db), "--lang", "en"])
    english_by_environment(monkeypatch)
    by_env = runner.invoke(app, ["gaps", "--db", str(db)])
    for result in (by_option, by_env):
        assert result.exit_code == 0, result.output
        lines = result.stdout.splitlines()
        assert lines[0].split("\t") == ["severity", "type", "gap", "evidence"]
        assert lines[1].split("\t")[2] == report.gaps[0].explanation_en


def test_office_query_names_roles_in_chinese(db):
    result = runner.invoke(app, ["query", "office", "技改办", "--db", str(db)])
    assert result.exit_code == 0, result.output
    header, *rows = [line.split("\t") for line in result.stdout.splitlines()[1:] if "\t" in line]
    assert header == ["任务", "责任方式", "共同负责", "原文依据"]
    assert rows and all(row[1] in {"独立负责", "分别负责", "牵头", "配合", "集体"} for row in rows)
    assert all(row[3].startswith("（") and row[3].endswith("）") for row in rows)


def test_office_query_piped_names_outside_departments_as_written_on_one_line(db):
    result = runner.invoke(app, ["query", "office", "技改办", "--db", str(db)])
    assert result.exit_code == 0, result.output
    footer = result.stdout.splitlines()[-1]
    # one line, however long (rich would wrap at 80 columns without a terminal)
    assert footer.startswith("目标 ") and len(footer) > 80
    assert "市发展改革委〔发展改革部门〕" in footer and "市商务局〔商务部门〕" in footer
    # the unnamed lead department is written as the plan writes it, with no group after it
    assert "、牵头部门（" in footer and "牵头部门〔" not in footer


def test_task_query_names_outside_departments_as_written(db):
    result = runner.invoke(app, ["query", "task", "5.1", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "外部部门: 市发展改革委〔发展改革部门〕 — " in result.stdout


def test_gaps_at_80_columns_on_a_terminal_wrap_instead_of_cutting(db, report):
    # A real pseudo-terminal: rich draws the table and folds long cells onto more lines.
    script = (
        "import sys; from plankg.cli import app; "
        f"sys.argv = ['plankg', 'gaps', '--db', {str(db)!r}]; app()"
    )
    done = subprocess.run(
        ["script", "-qec", f"{sys.executable} -c {script!r}", "/dev/null"],
        capture_output=True,
        text=True,
        env={"COLUMNS": "80", "PATH": "/usr/bin:/bin", "PLANKG_LANG": "zh", "TERM": "dumb"},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    screen = done.stdout
    assert max(len(line) for line in screen.splitlines()) <= 80
    # Gather the third column's pieces row by row (rows are separated by ├ lines).
    explanations, current = [], []
    for line in screen.splitlines():
        if line.startswith(("├", "└")) and current:
            explanations.append("".join(current))
            current = []
        cells = line.split("│")
        if len(cells) == 6:
            current.append(cells[3].strip())
    assert explanations[: len(report.gaps)] == [g.explanation_zh for g in report.gaps]


def test_stats_labels_in_chinese(db):
    result = runner.invoke(app, ["stats", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "节点·任务" in result.stdout and "关系·负责" in result.stdout


def test_csv_export_to_a_csv_path_says_what_to_pass_instead(db, tmp_path):
    result = runner.invoke(
        app, ["export", "--format", "csv", "-o", str(tmp_path / "x.csv"), "--db", str(db)]
    )
    assert result.exit_code == 2
    assert "x.zip" in result.stderr and "nodes.csv" in result.stderr
    assert not (tmp_path / "x.csv").exists()


def test_graphml_label_is_the_display_name_and_the_kind_is_apart(db, tmp_path):
    target = tmp_path / "g.graphml"
    result = runner.invoke(
        app, ["export", "--format", "graphml", "-o", str(target), "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(target)
    offices = [d for _, d in graph.nodes(data=True) if d["node_kind"] == "Office"]
    assert offices and all(d["label"] == d["name"] for d in offices)
    tasks = [d for _, d in graph.nodes(data=True) if d["node_kind"] == "Task"]
    assert all(d["label"] == f"{d['code']} {d['title']}" for d in tasks)
