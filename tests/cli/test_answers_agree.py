"""The CLI and the API give the same answer to the same question, with the same reference
resolution: a plan named by its document number, targets that apply in a year, and the sentence
of a chain-without-joint-task gap."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from plankg.api import create_app
from plankg.settings import Settings
from plankg.store import EmbeddedStore
from tests.cli.conftest import invoke


def cli_json(*args: str | Path) -> Any:
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.fixture
def api(sample_db: Path) -> Iterator[TestClient]:
    with EmbeddedStore(sample_db, read_only=True) as store:
        app = create_app(Settings(default_page_size=500, max_page_size=500), store)
        with TestClient(app, raise_server_exceptions=False) as client:
            yield client


def only_plan(db: Path) -> dict[str, Any]:
    [plan] = cli_json("plans", "list", "--db", db, "--json")
    return plan


def applies_in(target: dict[str, Any], year: int) -> bool:
    """The rule `--year` promises: the deadline is the year, the period contains it, or the
    target recurs every year with no years of its own."""
    start, end = target["period_start"], target["period_end"]
    return (
        target["year"] == year
        or (start is not None and end is not None and start <= year <= end)
        or (target["kind"] == "annual" and target["year"] is None and start is None)
    )


def test_gaps_of_a_plan_named_by_its_document_number(sample_db, api):
    plan = only_plan(sample_db)
    assert plan["doc_no"] and plan["doc_no"] != plan["plan_id"]
    every = cli_json("gaps", "--db", sample_db, "--json")["gaps"]
    by_doc_no = cli_json("gaps", "--plan", plan["doc_no"], "--db", sample_db, "--json")["gaps"]
    by_id = cli_json("gaps", "--plan", plan["plan_id"], "--db", sample_db, "--json")["gaps"]
    # The store holds one plan: naming it, either way, finds the same gaps as naming none.
    assert every and by_doc_no == by_id
    assert [g["id"] for g in by_doc_no] == [g["id"] for g in every]
    from_api = api.get("/gaps", params={"plan": plan["doc_no"]}).json()
    assert [g["id"] for g in from_api["items"]] == [g["id"] for g in by_doc_no]


def test_offices_sharing_in_a_plan_named_by_its_document_number(sample_db, api):
    doc_no = only_plan(sample_db)["doc_no"]
    cli = cli_json(
        "query", "offices-sharing", "Nonferrous", "--plan", doc_no, "--db", sample_db, "--json"
    )
    assert cli["offices"]
    from_api = api.get("/chains/Nonferrous/offices", params={"plan": doc_no}).json()
    assert [o["id"] for o in from_api["items"]] == [o["office_id"] for o in cli["offices"]]


def test_an_unknown_plan_is_an_error_not_an_empty_answer(sample_db, api):
    result = invoke("gaps", "--plan", "no such plan 〔1999〕1号", "--db", sample_db)
    assert result.exit_code == 4, result.output
    assert api.get("/gaps", params={"plan": "no such plan 〔1999〕1号"}).status_code == 404


@pytest.mark.parametrize("offset", [0, 1, 2])
def test_year_means_applies_in_that_year(sample_db, api, offset):
    every = cli_json("query", "targets", "--db", sample_db, "--json")
    [plan] = api.get("/plans").json()["items"]
    year = plan["period_start"] + offset
    expected = sorted(t["target_id"] for t in every if applies_in(t, year))
    cli = cli_json("query", "targets", "--year", str(year), "--db", sample_db, "--json")
    assert sorted(t["target_id"] for t in cli) == expected
    from_api = api.get("/targets", params={"year": year}).json()["items"]
    assert sorted(t["target_id"] for t in from_api) == expected
    # Every year of the plan holds the recurring (每年) targets and those of the whole period.
    recurring = [t for t in every if t["kind"] == "annual"]
    assert recurring and {t["target_id"] for t in recurring} <= set(expected)
    # A deadline in another year of the plan is not a target of this one.
    assert not [t for t in cli if t["year"] is not None and t["year"] != year]


def test_year_outside_the_plan_has_only_targets_dated_then(sample_db, api):
    [plan] = api.get("/plans").json()["items"]
    later = plan["period_end"] + 5
    assert cli_json("query", "targets", "--year", str(later), "--db", sample_db, "--json") == []
    assert api.get("/targets", params={"year": later}).json()["items"] == []


def test_chain_without_joint_task_says_on_which_industry(sample_db, api):
    found = cli_json("gaps", "--type", "chain_without_joint_task", "--db", sample_db, "--json")
    gaps = found["gaps"]
    assert gaps
    for gap in gaps:
        concept = gap["nodes"][2]["name_zh"]
        # No task on this industry/chain together: the sentence names it, in both languages.
        assert f"没有共同承担的{concept}任务" in gap["explanation_zh"]
        assert "hold no task on it together" in gap["explanation_en"]
    # Offices that hold other tasks together are told which ones, and that those are elsewhere.
    told = 0
    for gap in gaps:
        a, b, concept = gap["nodes"]
        overlap = api.get(f"/offices/{a['name_zh']}/overlap/{b['name_zh']}").json()
        shared = [row["tasks_a"][0] for row in overlap["shared_tasks"]]
        if not shared:
            assert "不涉及" not in gap["explanation_zh"]
            assert "do not concern it" not in gap["explanation_en"]
            continue
        told += 1
        assert (
            f"两者共同承担的任务{'、'.join(shared)}不涉及{concept['name_zh']}"
            in (gap["explanation_zh"])
        )
        assert (
            f"the tasks they do share, {', '.join(shared)}, do not concern it"
            in (gap["explanation_en"])
        )
    assert told, "the sample has office pairs that share tasks on other industries"
    from_api = api.get("/gaps", params={"type": "chain_without_joint_task"}).json()["items"]
    assert [(g["id"], g["explanation_zh"]) for g in from_api] == [
        (g["id"], g["explanation_zh"]) for g in gaps
    ]
