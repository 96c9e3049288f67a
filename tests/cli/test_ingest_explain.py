"""`plankg ingest --explain` lists what the parser saw a cue for but did not read; the plan's
opening targets are stored and listed with the others."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from plankg.cli import app
from plankg.ingest.read import read_source

runner = CliRunner()

PLAN = """某区推进口袋公园建设实施方案

为改善人居环境，制定本方案。到2027年，全区新建口袋公园60个，绿地率达到40%。

一、重点任务

（一）推进公园建设。年内建成社区公园12座。（责任单位：区绿化局）

（二）加强养护管理。完善养护制度，主办单位负责日常巡查。
"""


def test_explain_lists_unread_clauses_and_opening_targets_are_stored(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text(PLAN, encoding="utf-8")
    db = str(tmp_path / "store.lbdb")

    result = runner.invoke(app, ["ingest", str(plan), "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    (summary,) = json.loads(result.stdout)
    (clause,) = summary["unparsed_clauses"]
    assert summary["unparsed"] == 1
    assert (clause["kind"], clause["code"]) == ("responsibility", "1.2")
    # offsets point into the plan's clean text
    assert read_source(plan).text[clause["start"] : clause["end"]] == clause["phrase"]
    assert "主办单位负责" in clause["phrase"]

    explained = runner.invoke(app, ["ingest", str(plan), "--db", db, "--explain"])
    assert explained.exit_code == 0, explained.output
    assert "未理解的条款 (1)" in explained.stdout
    assert "1.2" in explained.stdout

    targets = runner.invoke(app, ["query", "targets", "--db", db, "--json"])
    rows = json.loads(targets.stdout)
    opening = sorted(r["value"] for r in rows if r["holder_label"] == "Plan")
    assert opening == [40, 60]
    assert 12 in [r["value"] for r in rows if r["holder_label"] == "Task"]
