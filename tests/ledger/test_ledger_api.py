"""The ledger over HTTP, on the embedded store holding the sample."""

from __future__ import annotations

from io import BytesIO

from fastapi.testclient import TestClient
from openpyxl import load_workbook
from pydantic import SecretStr

from plankg.api import create_app
from plankg.outputs.exports import write_xlsx
from plankg.settings import Settings

KEY = "ledger-test-key"


def test_report_read_status_and_upload(ledger_store, tmp_path):
    settings = Settings(api_key=SecretStr(KEY), max_upload_mb=5)
    with TestClient(create_app(settings, ledger_store), raise_server_exceptions=False) as client:
        body = {"task": "4.1.2", "target": 1, "value": 40, "date": "2024-06-30", "office": "化专办"}
        assert client.post("/progress", json=body).status_code == 401
        denied = client.post("/progress", json=body, headers={"X-API-Key": "wrong"})
        assert denied.status_code == 403
        added = client.post("/progress", json=body, headers={"X-API-Key": KEY})
        assert added.status_code == 201 and added.json()["added"] == 1
        twice = client.post("/progress", json=body, headers={"X-API-Key": KEY})
        assert twice.json()["already_stored"] == 1
        bad = client.post(
            "/progress",
            json={**body, "task": "9.9", "office": "不存在科"},
            headers={"X-API-Key": KEY},
        )
        assert bad.status_code == 422
        assert "未知任务“9.9”" in bad.json()["detail"] and "未知科室" in bad.json()["detail"]

        reports = client.get("/progress", params={"office": "化专办"}).json()
        assert reports["total"] == 1
        (item,) = reports["items"]
        assert (item["office"], item["value"], item["source"]) == ("化专办", 40.0, "api")

        state = client.get("/status", params={"as_of": "2024-06-30", "light": "红"}).json()
        assert [t["code"] for t in state["targets"]] == ["4.1.2-1"]
        assert state["targets"][0]["rules"][0]["code"] == "behind"
        one = client.get("/status", params={"as_of": "2024-06-30", "office": "化专办"}).json()
        assert {t["code"] for t in one["tasks"]} >= {"4.1.2"}
        assert all("化专办" in t["offices"] for t in one["tasks"])

        path = tmp_path / "plan.xlsx"
        write_xlsx(ledger_store, path)
        book = load_workbook(path)
        sheet = book["进展台账"]
        row = next(r for r in sheet.iter_rows(min_row=2) if r[2].value == "4.9" and r[3].value == 1)
        row[9].value, row[10].value, row[12].value = 6000, "2024-06-30", "工业互联网科"
        buffer = BytesIO()
        book.save(buffer)
        files = {"file": ("台账.xlsx", buffer.getvalue())}
        uploaded = client.post("/progress/import", files=files, headers={"X-API-Key": KEY})
        assert uploaded.status_code == 201, uploaded.text
        # the 4.1.2 report is in the sheet already (exported after it): only 4.9 is new
        assert (uploaded.json()["received"], uploaded.json()["added"]) == (2, 1)


def test_a_report_date_is_a_calendar_date_not_a_number(ledger_store):
    settings = Settings(api_key=SecretStr(KEY), max_upload_mb=5)
    with TestClient(create_app(settings, ledger_store), raise_server_exceptions=False) as client:
        body = {"task": "4.1.2", "target": 1, "value": 40, "office": "化专办"}
        for number in (0, 1719705600, 1.5):
            refused = client.post(
                "/progress", json={**body, "date": number}, headers={"X-API-Key": KEY}
            )
            assert refused.status_code == 422
            assert "YYYY-MM-DD" in refused.json()["detail"]
        for text in ("2024-06-31", "yesterday"):
            refused = client.post(
                "/progress", json={**body, "date": text}, headers={"X-API-Key": KEY}
            )
            assert refused.status_code == 422
