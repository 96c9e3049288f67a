"""The named-query library: header parsing, the runner's checks, portability rules, and every
query's answers on a real LadybugDB store holding the sample and a hand-made county plan."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from plan_fragments import county_plan
from query_cases import CASES, SAMPLE_ARGUMENTS

from plankg.errors import QueryError
from plankg.models import PlanRecord
from plankg.store import queries
from plankg.store.embedded import EmbeddedStore
from plankg.store.load import load_plan
from plankg.store.protocol import GraphStore
from plankg.store.queries import (
    bind_params,
    list_queries,
    load_query,
    parse_header,
    run_query,
    split_top_level,
)
from plankg.store.schema import LABELS, REL_TYPES, all_property_names

QUERY_FILES = sorted(queries.queries_dir().iterdir(), key=lambda e: e.name)
REQUIRED = {
    "offices_sharing",
    "office_tasks",
    "task_detail",
    "targets",
    "outside_dependencies",
    "office_overlap",
    "offices",
    "industries",
    "chains",
    "plans",
    "plan_detail",
    "plan_responsibilities",
    "search_names",
    "gap_shared_without_lead",
    "gap_no_owner",
    "gap_collective_owner",
    "gap_open_ended",
    "gap_outside_dependency",
    "gap_name_variants",
    "gap_vague_targets",
    "gap_overload",
    "gap_chain_without_leader",
}


@pytest.fixture(scope="module")
def two_plan_store(tmp_path_factory, sample_plan: PlanRecord) -> Iterator[EmbeddedStore]:
    with EmbeddedStore(tmp_path_factory.mktemp("queries") / "two.lbdb") as store:
        load_plan(store, sample_plan)
        load_plan(store, county_plan())
        yield store


# -- the catalogue ---------------------------------------------------------------------------


def test_every_required_query_is_in_the_catalogue():
    assert {q.name for q in list_queries()} >= REQUIRED


def test_every_query_is_run_by_the_package():
    """A named query nothing in plankg runs is dead code (its own tests do not count)."""
    package = Path(queries.__file__).parents[1]
    source = "\n".join(p.read_text(encoding="utf-8") for p in package.rglob("*.py"))
    unused = sorted(q.name for q in list_queries() if f'"{q.name}"' not in source)
    assert unused == []


def test_header_with_continuations_and_optional_parameters():
    text = (
        "// name: demo\n"
        "// purpose: offices of a plan,\n"
        "//   with counts\n"
        "// params: ids (list of ids, in any order), plan_id (string or null = all plans)\n"
        "// returns: office_id, office,\n"
        "//   tasks\n"
        "MATCH (o:Office) RETURN o.id AS office_id\n"
    )
    info = parse_header(text, "demo.cypher")
    assert info.purpose == "offices of a plan, with counts"
    assert [(p.name, p.optional) for p in info.parameters] == [("ids", False), ("plan_id", True)]
    assert info.columns == ("office_id", "office", "tasks")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("// name: demo\n// purpose: x\n// returns: a\nRETURN 1 AS a", "lacks params"),
        (
            "// name: other\n// purpose: x\n// params: none\n// returns: a\nRETURN 1 AS a",
            "file is 'demo'",
        ),
        ("// name: demo\n// purpose: x\n// params: 1bad\n// returns: a\nRETURN 1 AS a", "1bad"),
    ],
)
def test_bad_headers_are_refused_naming_the_file(text, reason):
    with pytest.raises(QueryError, match=r"demo.cypher") as caught:
        parse_header(text, "demo.cypher")
    assert reason in str(caught.value)


def test_split_top_level_keeps_commas_inside_parentheses():
    assert split_top_level("a (x, y), b（全角, z）, c") == ["a (x, y)", "b（全角, z）", "c"]


# -- portability (DESIGN.md "Cypher that runs on both stores") ---------------------------------

FORBIDDEN = {
    r"CALL\s*\{": "CALL {} subquery",
    r"(?i)\bapoc\.": "APOC",
    r"(?i)shortestPath": "shortestPath()",
    r"(?i)\bsubstring\s*\(": "substring (0-based in Neo4j, 1-based in LadybugDB)",
    r"(?i)\blabels\s*\(": "labels() (a string in LadybugDB)",
    r"\w\s*\{\s*\.\w": "map projection",
    r"\(\w*:\w+:\w+": "multi-label pattern (OR in LadybugDB, AND in Neo4j)",
    r"\[\s*\w+\s+IN\s+[^\]]+\bWHERE\b": "list comprehension (LadybugDB cannot parse it)",
    r"\(\s*\$\w+\s+IS\s+NULL\s+OR": "$p IS NULL before its comparison: LadybugDB then types a "
    "null $p as BOOL; write (x = $p OR $p IS NULL)",
    r"WITH[^\n]*\n?\s*ORDER BY[^\n]*\n(?!\s*(?:SKIP|LIMIT)\b)": "ORDER BY in WITH without "
    "SKIP/LIMIT on the next line (LadybugDB needs them there)",
}


@pytest.mark.parametrize("entry", QUERY_FILES, ids=lambda e: e.name)
@pytest.mark.parametrize(("pattern", "what"), list(FORBIDDEN.items()), ids=list(FORBIDDEN.values()))
def test_query_text_stays_in_the_portable_subset(entry, pattern, what):
    body = "\n".join(
        line for line in entry.read_text("utf-8").splitlines() if not line.startswith("//")
    )
    assert not re.search(pattern, body), f"{entry.name} uses {what}"


@pytest.mark.parametrize("entry", QUERY_FILES, ids=lambda e: e.name)
def test_query_names_only_schema_labels_types_and_properties(entry):
    body = "\n".join(
        line for line in entry.read_text("utf-8").splitlines() if not line.startswith("//")
    )
    body = re.sub(r"'[^']*'", "''", body)  # literals such as 'Office' are not labels
    assert set(re.findall(r"\(\w*:(\w+)", body)) <= set(LABELS)
    assert set(re.findall(r"\[\w*:([\w|]+)", body)) <= {"|".join(t) for t in [REL_TYPES]} | set(
        REL_TYPES
    )
    # LadybugDB refuses a property no table has (Neo4j would return null).
    assert set(re.findall(r"\b[a-z]\w*\.([a-z_]+)\b", body)) <= all_property_names()


# -- the runner --------------------------------------------------------------------------------


def test_unknown_query_lists_the_known_ones(two_plan_store):
    with pytest.raises(QueryError, match=r"unknown query 'no_such'.*offices_sharing"):
        run_query(two_plan_store, "no_such")


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "missing ids"),
        ({"ids": ["x"], "year": 2025}, "unexpected year"),
        ({"plan_id": None}, "missing ids"),
    ],
)
def test_parameters_are_checked_against_the_header(two_plan_store, params, message):
    with pytest.raises(QueryError, match=f"'offices_sharing': {message}"):
        run_query(two_plan_store, "offices_sharing", **params)


def test_optional_parameters_default_to_null():
    info = queries.get_query("targets")
    assert bind_params(info, {"year": 2025}) == {
        "year": 2025,
        "office_id": None,
        "industry_id": None,
        "plan_id": None,
    }


def test_backend_override_wins_for_its_backend_only(tmp_path, monkeypatch):
    header = "// name: demo\n// purpose: x\n// params: none\n// returns: n\n"
    (tmp_path / "demo.cypher").write_text(header + "RETURN 1 AS n\n", "utf-8")
    (tmp_path / "demo.ladybug.cypher").write_text(header + "RETURN 2 AS n\n", "utf-8")
    monkeypatch.setattr(queries, "queries_dir", lambda: tmp_path)
    queries._catalogue.cache_clear()
    load_query.cache_clear()
    try:
        assert [q.name for q in list_queries()] == ["demo"]
        assert "RETURN 2" in load_query("demo", "ladybug")
        assert "RETURN 2" in load_query("demo", "embedded")
        assert "RETURN 1" in load_query("demo", "neo4j")
        with pytest.raises(QueryError, match="unknown backend 'oracle'"):
            load_query("demo", "oracle")
    finally:
        queries._catalogue.cache_clear()
        load_query.cache_clear()


# -- every query on a real store ---------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_query_runs_and_returns_its_declared_columns(two_plan_store, name):
    info = queries.get_query(name)
    rows = run_query(two_plan_store, name, **{p: SAMPLE_ARGUMENTS[p] for p in info.parameter_names})
    assert rows, f"{name} found nothing in the county plan"
    assert all(tuple(row) == info.columns for row in rows)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.__name__)
def test_query_answers(two_plan_store: GraphStore, case: Callable[[GraphStore], None]):
    case(two_plan_store)
