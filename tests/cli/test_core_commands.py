"""`plankg ingest`, `stats`, `query offices-sharing`, `copy` through the real Typer app."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from plankg.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "cli.lbdb"
    result = runner.invoke(app, ["ingest", "--db", str(path), "--json"])
    assert result.exit_code == 0, result.output
    return path


def test_ingest_of_the_bundled_sample_prints_a_summary(db):
    result = runner.invoke(app, ["ingest", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    [summary] = json.loads(result.stdout)
    assert summary["plan_id"] == "聊工信发-2023-48"
    assert summary["tasks"] == 29
    assert summary["offices"] == 17
    assert summary["office_aliases"] == 1
    assert summary["tasks_without_owner"] == 3
    assert summary["responsibilities"] == {"sole": 9, "each": 48, "collective": 4}
    # the module fixture loaded it once already: the same graph again writes nothing
    assert summary["unchanged"] is True and summary["replaced"] is False


def test_if_empty_skips_a_store_that_holds_plans(db):
    result = runner.invoke(app, ["ingest", "--db", str(db), "--if-empty"])
    assert result.exit_code == 0
    assert "未导入" in result.stdout


def test_stats_counts_by_kind(db):
    result = runner.invoke(app, ["stats", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["nodes"]["Task"] == 29
    assert figures["edges"]["RESPONSIBLE_FOR"] == 61


def _offices(db, name: str) -> dict[str, set[str]]:
    result = runner.invoke(app, ["query", "offices-sharing", name, "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    return {o["office"]: {t["task_code"] for t in o["tasks"]} for o in answer["offices"]}


@pytest.mark.parametrize("name", ["Nonferrous", "non-ferrous", "有色", "有色金属产业", "youse"])
def test_offices_sharing_nonferrous_in_any_spelling(db, name):
    assert _offices(db, name) == {
        "原材料产业科": {"4.1.1"},
        "电子信息产业科": {"4.8"},
        "工业互联网科": {"4.8"},
        "技改办": {"4.8"},
    }


def test_offices_sharing_a_chain(db):
    assert _offices(db, "铝加工") == {"原材料产业科": {"4.1.1"}}


def test_unknown_name_is_one_line_with_suggestions_and_a_nonzero_exit(db):
    result = runner.invoke(app, ["query", "offices-sharing", "Nonferous", "--db", str(db)])
    assert result.exit_code == 4
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "matches no known name" in lines[0] and "有色金属产业" in lines[0]


def test_copy_to_another_embedded_store(db, tmp_path):
    target = tmp_path / "copy.lbdb"
    result = runner.invoke(app, ["copy", "--db", str(db), "--to", str(target)])
    assert result.exit_code == 0, result.output
    assert "已复制 1 个规划" in result.stdout
    assert _offices(target, "Nonferrous") == _offices(db, "Nonferrous")
