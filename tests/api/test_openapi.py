"""The OpenAPI document says what the API does: statuses, page bounds, methods per path."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from plankg.api import create_app
from plankg.settings import Settings


@pytest.fixture(scope="module")
def api(sample_store):
    settings = Settings(enable_cypher=True, max_page_size=120, default_page_size=30)
    with TestClient(create_app(settings, sample_store), raise_server_exceptions=False) as c:
        yield c


def responses(api, method, path):
    return set(api.get("/openapi.json").json()["paths"][path][method]["responses"])


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("get", "/analytics/centrality", {"200", "404", "409", "422", "503"}),
        ("get", "/views/offices/{ref}", {"200", "404", "409", "422", "503"}),
        ("post", "/cypher", {"200", "400", "403", "404", "422", "503"}),
        ("post", "/plans", {"201", "401", "403", "413", "415", "422", "503"}),
        ("get", "/search", {"200", "422", "503"}),
    ],
)
def test_each_operation_documents_what_it_can_answer(api, method, path, expected):
    assert responses(api, method, path) == expected


def test_a_documented_404_is_what_the_api_answers(api):
    answer = api.get("/analytics/centrality", params={"plan_id": "no-such-plan"})
    assert answer.status_code == 404
    assert answer.headers["content-type"] == "application/problem+json"
    problem = api.get("/openapi.json").json()["components"]["schemas"]["Problem"]
    assert set(problem["required"]) <= set(answer.json())


def test_limit_carries_the_servers_bounds(api):
    spec = api.get("/openapi.json").json()
    limit = next(p for p in spec["paths"]["/plans"]["get"]["parameters"] if p["name"] == "limit")
    assert (limit["schema"]["minimum"], limit["schema"]["maximum"]) == (1, 120)
    assert limit["schema"]["default"] == 30
    assert api.get("/plans", params={"limit": 121}).status_code == 422


def test_options_lists_every_method_of_the_path(api):
    answer = api.options("/plans/some-plan")
    assert answer.status_code == 204
    assert answer.headers["allow"] == "DELETE, GET, OPTIONS"
    assert api.options("/plans").headers["allow"] == "GET, OPTIONS, POST"
    refused = api.patch("/progress")
    assert refused.status_code == 405
    assert refused.headers["allow"] == "GET, OPTIONS, POST"
