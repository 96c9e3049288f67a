"""Offline network pages: content, references, styles, CLI and API."""

from __future__ import annotations

import json
import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from plankg.api.routes import analytics as analytics_routes
from plankg.api.routes import views as view_routes
from plankg.cli import app as cli_app
from plankg.errors import NotFound
from plankg.outputs import render_view, view_graph

PLAN_ID = "聊工信发-2023-48"


def page_nodes(page: str) -> list[dict]:
    return json.loads(re.search(r"new vis\.DataSet\((\[.*?\])\);\n", page).group(1))


@pytest.mark.parametrize(
    "kind, ref",
    [
        ("chain", "Nonferrous"),
        ("industry", "有色"),
        ("chain", "youse"),
        ("chain", "铝加工"),
        ("office", "科技科"),
        ("office", "Science and Technology Section"),
        ("plan", PLAN_ID),
        ("plan", "聊工信发〔2023〕48号"),
    ],
)
def test_views_are_offline_and_hold_the_subgraph(sample_store, kind, ref):
    page = render_view(sample_store, kind, ref)
    assert not re.search(r"https?://", page, re.I)
    assert "<script src" not in page and "stylesheet" not in page
    graph, _ = view_graph(sample_store, kind, ref)
    assert len(page_nodes(page)) == graph.number_of_nodes() > 3
    assert "stabilizationIterationsDone" in page and "physics: false" in page


def test_chain_view_content_and_styles(sample_store):
    graph, heading = view_graph(sample_store, "chain", "Nonferrous")
    assert heading.startswith("有色金属产业")
    assert {d["label"] for _, d in graph.nodes(data=True)} >= {
        "Industry",
        "Chain",
        "Task",
        "Office",
    }
    page = render_view(sample_store, "chain", "Nonferrous")
    nodes = {n["id"]: n for n in page_nodes(page)}
    assert (
        nodes["nonferrous"]["shape"] == "hexagon"
        and "Nonferrous metals" in nodes["nonferrous"]["title"]
    )
    assert "each 分别负责" in page  # legend caption
    assert '"dashes": [8, 4]' in page  # 'each' edges are dashed


def test_office_view_shows_co_owners_not_other_offices_tasks(sample_store):
    graph, _ = view_graph(sample_store, "office", "科技科")
    offices = {d["name"] for _, d in graph.nodes(data=True) if d["label"] == "Office"}
    assert "科技科" in offices and len(offices) > 1
    tasks = [k for k, d in graph.nodes(data=True) if d["label"] == "Task"]
    assert all(
        any(graph.nodes[s].get("name") == "科技科" for s, _ in graph.in_edges(t)) for t in tasks
    )


@pytest.mark.parametrize(
    "kind, ref", [("office", "没有这个科"), ("plan", "no-such-plan"), ("chain", "unobtainium")]
)
def test_unknown_refs(sample_store, kind, ref):
    with pytest.raises(NotFound):
        render_view(sample_store, kind, ref)


def test_cli_writes_a_view(sample_store, tmp_path, monkeypatch):
    from plankg.store import open_store

    db = tmp_path / "cli.lbdb"
    with open_store(db=db) as store:
        from plankg.ingest import ingest_path, sample_path
        from plankg.store import load_plan

        load_plan(store, ingest_path(sample_path()))
    out = tmp_path / "v.html"
    result = CliRunner().invoke(
        cli_app, ["view", "office", "kejike", "-o", str(out), "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    assert "nodes" in result.output and "科技科" in out.read_text("utf-8")
    missing = CliRunner().invoke(cli_app, ["view", "office", "没有这个科", "--db", str(db)])
    assert missing.exit_code == 4


@pytest.fixture
def client(sample_store):
    app = FastAPI()
    app.state.store = sample_store
    app.include_router(view_routes.router)
    app.include_router(analytics_routes.router)
    return TestClient(app)


@pytest.mark.parametrize(
    "path",
    [
        "/views/industries/nonferrous",
        "/views/chains/铝加工",
        "/views/offices/科技科",
        f"/views/plans/{PLAN_ID}",
    ],
)
def test_api_views_are_html(client, path):
    response = client.get(path)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert "vis.Network" in response.text and not re.search(r"https?://", response.text)


@pytest.mark.parametrize(
    "path, key",
    [
        ("/analytics/overlap", "shared_tasks"),
        ("/analytics/workload", "tasks"),
        ("/analytics/centrality", "betweenness"),
        ("/analytics/industries", "offices"),
    ],
)
def test_api_analytics_records(client, path, key):
    rows = client.get(path, params={"plan_id": PLAN_ID}).json()
    assert rows and all(key in row for row in rows)
    spec = client.get("/openapi.json").json()["paths"][path]["get"]
    assert spec["summary"] and spec["responses"]["200"]["content"]["application/json"]["example"]
