"""API writes on each kind of store: a key is needed, an upload lands and is deleted, bad uploads
are refused (a module of their own: each test wipes the Neo4j server the read tests share)."""

from __future__ import annotations

import pytest

from tests.api.conftest import API_KEY
from tests.api.test_api import FRAGMENT, assert_problem


def test_writes_need_the_right_key(write_client):
    upload = {"file": ("p.txt", FRAGMENT.encode())}
    assert_problem(write_client.post("/plans", files=upload), 401)
    assert_problem(write_client.post("/plans", files=upload, headers={"X-API-Key": "wrong"}), 403)
    assert write_client.get("/plans").json()["total"] == 0


def test_upload_then_delete(write_client):
    key = {"X-API-Key": API_KEY}
    created = write_client.post("/plans", files={"file": ("p.txt", FRAGMENT.encode())}, headers=key)
    assert created.status_code == 201, created.text
    plan_id = created.json()["plan_id"]
    assert created.json()["tasks"] == 2
    assert [p["id"] for p in write_client.get("/plans").json()["items"]] == [plan_id]
    lead = write_client.get("/tasks?office=外贸科&role=lead").json()["items"]
    assert [t["code"] for t in lead] == ["1.1"]
    deleted = write_client.delete(f"/plans/{plan_id}", headers=key)
    assert deleted.json() == {"deleted": plan_id}
    assert write_client.get("/plans").json()["total"] == 0


@pytest.mark.parametrize(
    ("name", "data", "status"),
    [
        ("p.xls", b"\xd0\xcf\x11\xe0", 415),
        ("p.txt", b"   \n ", 422),
        ("big.txt", b"x" * (1024 * 1024 + 10), 413),
    ],
)
def test_bad_uploads(write_client, name, data, status):
    response = write_client.post(
        "/plans", files={"file": (name, data)}, headers={"X-API-Key": API_KEY}
    )
    assert_problem(response, status)


def test_upload_without_file_field(write_client):
    assert_problem(
        write_client.post("/plans", data={"x": "1"}, headers={"X-API-Key": API_KEY}), 422
    )
