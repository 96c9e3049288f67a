"""The API on the sample plan: actual answers, errors as problem details, pagination."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import read_client

PROBLEM_KEYS = {"type", "title", "status", "detail"}

FRAGMENT = """某市商务局关于印发《某市外贸促进行动计划（2024—2025年）》的通知

一、重点任务
(一)培育外贸主体。到2025年，新增外贸企业50家。(外贸科牵头，综合科配合)
(二)拓展国际市场。组织企业参加境外展会。（外贸科、外资科分别负责）
"""


def office_names(body):
    return {item["name_zh"] for item in body["items"]}


def tasks_of(body, office):
    item = next(i for i in body["items"] if i["name_zh"] == office)
    return {t["task_code"] for t in item["tasks"]}


def assert_problem(response, status):
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert set(body) >= PROBLEM_KEYS and body["status"] == status
    assert "Traceback" not in response.text
    return body


@pytest.mark.parametrize(
    "ref", ["Nonferrous", "non-ferrous", "有色", "有色金属产业", "youse", "NONFERROUS"]
)
def test_industry_offices_by_any_name(client, ref):
    body = client.get(f"/industries/{ref}/offices").json()
    assert body["concept"]["id"] == "nonferrous"
    assert office_names(body) == {"原材料产业科", "电子信息产业科", "工业互联网科", "技改办"}
    assert tasks_of(body, "原材料产业科") == {"4.1.1"}
    for office in ("电子信息产业科", "工业互联网科", "技改办"):
        assert tasks_of(body, office) == {"4.8"}
    evidence = [t["evidence"] for i in body["items"] for t in i["tasks"]]
    assert "有色" in evidence and all(evidence)


def test_chain_offices(client):
    body = client.get("/chains/铝加工产业链/offices").json()
    assert body["concept"]["label"] == "Chain"
    assert office_names(body) == {"原材料产业科"}


def test_office_profile_keji(client):
    body = client.get("/offices/科技科").json()
    roles = {t["task_code"]: t["role"] for t in body["tasks"]}
    assert roles == {"3.1": "sole", "3.3": "each", "4.5": "sole", "5.5.5": "each"}
    assert {c["name_zh"] for c in body["co_owners"]} >= {"产业政策科", "技改办"}
    # as the plan writes them, with the canonical group beside
    assert {(p["name_zh"], p["group_zh"]) for p in body["outside_partners"]} == {
        ("市商务局", "商务部门"),
        ("市委组织部", "党委组织部"),
    }
    assert body["name_en"] == "Science and Technology Section"


@pytest.mark.parametrize(
    "ref", ["原材料科", "原材料产业科", "Raw Materials Industry Section", "yuancailiaochanyeke"]
)
def test_office_by_alias_english_and_pinyin(client, ref):
    assert client.get(f"/offices/{ref}").json()["name_zh"] == "原材料产业科"


def test_task_5_1(client):
    body = client.get("/tasks/5.1").json()
    owners = {(o["name_zh"], o["role"]) for o in body["owners"]}
    assert owners == {("技改办", "each"), ("绿色发展推进科", "each"), ("各产业科室", "collective")}
    partners = {(a["name_zh"], a["group_zh"], a["relation"]) for a in body["agencies"]}
    assert ("市发展改革委", "发展改革部门", "per_requirement") in partners
    assert body["id"] == body["task_id"] and body["name_en"] == "Task 5.1"
    assert "技改办、绿色发展推进科和各产业科室分别负责" in body["owners"][0]["evidence"]["phrase"]


def test_task_by_id_and_unknown(client):
    assert client.get("/tasks/聊工信发-2023-48%234.1.1").json()["code"] == "4.1.1"
    body = assert_problem(client.get("/tasks/9.9"), 404)
    assert body["suggestions"]


def test_task_filters(client):
    assert [t["code"] for t in client.get("/tasks?office=科技科").json()["items"]] == [
        "3.1",
        "3.3",
        "4.5",
        "5.5.5",
    ]
    assert [t["code"] for t in client.get("/tasks?office=科技科&role=sole").json()["items"]] == [
        "3.1",
        "4.5",
    ]
    assert [t["code"] for t in client.get("/tasks?industry=有色").json()["items"]] == [
        "4.1.1",
        "4.8",
    ]
    assert [t["code"] for t in client.get("/tasks?chain=aluminium_processing").json()["items"]] == [
        "4.1.1"
    ]
    assert client.get("/tasks?role=collective").json()["total"] == 3
    assert_problem(client.get("/tasks?role=boss"), 422)


def test_targets_2025(client):
    body = client.get("/targets?year=2025&limit=500").json()
    values = {(t["holder_code"], t["metric"]): t["value"] for t in body["items"]}
    assert values[("4.1.1", "规上企业")] == 80
    assert values[("4.1.1", "营业收入")] == 1600e8 or values[("4.1.1", "营业收入")] == 1600
    assert all(t["year"] == 2025 or t["period_end"] == 2025 for t in body["items"])
    office = client.get("/targets?office=科技科").json()
    assert {t["holder_code"] for t in office["items"]} <= {"3.1", "3.3", "4.5", "5.5.5"}


def test_gaps_counts_and_filters(client):
    body = client.get("/gaps?limit=500").json()
    counts = Counter(g["type"] for g in body["items"])
    assert counts["shared_without_lead"] == 16 and counts["collective_owner"] == 3
    assert body["total"] == sum(counts.values())
    assert "chain_without_leader" in body["skipped"]
    only = client.get("/gaps?type=vague_target&type=name_variants").json()
    assert {g["type"] for g in only["items"]} == {"vague_target", "name_variants"}
    assert client.get("/gaps?office=原材料科&type=name_variants").json()["total"] == 1
    assert_problem(client.get("/gaps?type=nonsense"), 422)


def test_search_pinyin_and_english(client):
    first = client.get("/search?q=youse").json()["items"][0]
    assert (first["id"], first["label"]) == ("nonferrous", "Industry")
    assert client.get("/search?q=Nonferrous").json()["items"][0]["id"] == "nonferrous"
    hits = client.get("/search?q=技改办").json()["items"]
    assert hits[0]["label"] == "Office"
    assert_problem(client.get("/search?q="), 422)


def test_overlap(client):
    body = client.get("/offices/技改办/overlap/产业政策科").json()
    assert {t["tasks_a"][0] for t in body["shared_tasks"]} == {"4.6", "5.3", "5.5.5"}


def test_plans_and_detail(client):
    plans = client.get("/plans").json()
    assert plans["total"] == 1
    plan_id = plans["items"][0]["id"]
    detail = client.get(f"/plans/{plan_id}").json()
    assert detail["tasks"] == 29 and detail["tasks_without_owner"] == 3
    assert client.get("/plans/聊工信发〔2023〕48号").json()["id"] == plan_id


def test_typo_gives_suggestions(client):
    body = assert_problem(client.get("/industries/Nonferous/offices"), 404)
    assert body["suggestions"][0].startswith("有色金属产业")


def test_pagination(client):
    full = client.get("/offices?limit=500").json()
    page = client.get("/offices?limit=5&offset=15").json()
    assert (page["total"], page["limit"], page["offset"]) == (full["total"], 5, 15)
    assert page["items"] == full["items"][15:20]
    assert_problem(client.get("/offices?limit=501"), 422)
    assert_problem(client.get("/offices?offset=-1"), 422)


def test_health(client, sample_any_store):
    body = client.get("/health").json()
    assert body == {"status": "ok", "store": sample_any_store.kind, "reachable": True}


def test_unknown_route_and_method_are_problems(client):
    assert_problem(client.get("/no/such/route"), 404)
    assert_problem(client.put("/plans"), 405)


def test_writes_without_a_configured_key_are_disabled(client):
    body = assert_problem(client.post("/plans", files={"file": ("p.txt", FRAGMENT.encode())}), 403)
    assert "disabled" in body["detail"]
    assert_problem(client.delete("/plans/聊工信发-2023-48"), 403)
    assert client.get("/plans").json()["total"] == 1


PLAN = "聊工信发-2023-48"
# One request or more per GET route, with filters; every answer (status and body) on each store
# must equal the embedded store's. /health names the store, so it is compared in test_health.
SAME_ANSWERS: list[tuple[str, str]] = [
    ("/plans", "/plans"),
    ("/plans/{ref}", f"/plans/{PLAN}"),
    ("/offices", "/offices?limit=500"),
    ("/offices", f"/offices?plan={PLAN}&limit=7&offset=3"),
    ("/offices/{ref}", "/offices/科技科"),
    ("/offices/{ref}", "/offices/nobody-at-all"),
    ("/offices/{a}/overlap/{b}", "/offices/技改办/overlap/产业政策科"),
    ("/tasks", "/tasks?limit=500"),
    ("/tasks", "/tasks?office=科技科&role=sole"),
    ("/tasks", "/tasks?industry=有色&year=2025"),
    ("/tasks", "/tasks?chain=aluminium_processing"),
    ("/tasks/{ref}", "/tasks/5.1"),
    ("/tasks/{ref}", "/tasks/4.1.1"),
    ("/industries", "/industries?limit=500"),
    ("/chains", "/chains?limit=500"),
    ("/industries/{ref}/offices", "/industries/youse/offices"),
    ("/chains/{ref}/offices", "/chains/铝加工产业链/offices"),
    ("/targets", "/targets?limit=500"),
    ("/targets", "/targets?year=2025&office=科技科"),
    ("/gaps", "/gaps?limit=500"),
    ("/gaps", "/gaps?office=原材料科&type=name_variants&type=shared_without_lead"),
    ("/gaps", "/gaps?industry=youse"),
    ("/search", "/search?q=youse"),
    ("/search", "/search?q=技改办"),
    ("/views/industries/{ref}", "/views/industries/nonferrous"),
    ("/views/chains/{ref}", "/views/chains/aluminium_processing"),
    ("/views/offices/{ref}", "/views/offices/科技科"),
    ("/views/plans/{plan_id}", f"/views/plans/{PLAN}"),
    ("/analytics/overlap", "/analytics/overlap"),
    ("/analytics/workload", "/analytics/workload"),
    ("/analytics/centrality", "/analytics/centrality"),
    ("/analytics/industries", "/analytics/industries"),
    ("/progress", "/progress"),
    ("/status", "/status?as_of=2024-06-30"),
]


@pytest.fixture(scope="module")
def embedded_client(sample_store) -> Iterator[TestClient]:
    with read_client(sample_store) as c:
        yield c


def without_load_time(value):
    """The answer less `loaded_at`: each store got the sample at its own moment."""
    if isinstance(value, dict):
        return {k: without_load_time(v) for k, v in value.items() if k != "loaded_at"}
    if isinstance(value, list):
        return [without_load_time(v) for v in value]
    return value


def body_of(response):
    kind = response.headers["content-type"]
    return without_load_time(response.json()) if "json" in kind else response.text


def test_every_get_route_is_compared(client):
    routes = {path for path, ops in client.app.openapi()["paths"].items() if "get" in ops}
    assert routes - {"/health"} == {route for route, _ in SAME_ANSWERS}


@pytest.mark.parametrize("url", [url for _, url in SAME_ANSWERS])
def test_same_answer_as_the_embedded_store(client, embedded_client, url):
    expected = embedded_client.get(url)
    got = client.get(url)
    assert (got.status_code, body_of(got)) == (expected.status_code, body_of(expected))
