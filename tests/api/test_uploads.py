"""Uploads that cannot hurt the server: the size limit holds while the body streams in (chunked,
no Content-Length), a .docx that expands too far and a PDF of too many pages are refused before
they are parsed, and an ingest runs off the event loop, one at a time, while /health answers."""

from __future__ import annotations

import asyncio
import io
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from starlette.requests import Request

from plankg.api import create_app
from plankg.api.uploads import read_upload_form
from plankg.errors import FileTooLarge
from plankg.ingest import ingest_bytes
from plankg.settings import Settings, get_settings
from plankg.store import EmbeddedStore
from tests.api.conftest import API_KEY
from tests.api.test_api import FRAGMENT, assert_problem
from tests.cli.inputs import write_docx, write_large_plan

KEY = {"X-API-Key": API_KEY}
CHUNK = 64 * 1024


def multipart_chunks(total: int, sent: list[int]) -> Iterator[bytes]:
    """A multipart body of one file field of ``total`` bytes, counting what was taken."""
    head = (
        b'--b\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n'
        b"Content-Type: text/plain\r\n\r\n"
    )
    yield head
    for _ in range(total // CHUNK):
        sent[0] += 1
        yield b"x" * CHUNK
    yield b"\r\n--b--\r\n"


def test_a_chunked_body_is_cut_at_the_limit_while_it_streams():
    sent = [0]
    chunks = multipart_chunks(50 * 2**20, sent)

    async def receive() -> dict:
        chunk = next(chunks, None)
        return {"type": "http.request", "body": chunk or b"", "more_body": chunk is not None}

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/plans",
        "headers": [(b"content-type", b"multipart/form-data; boundary=b")],  # no length
    }
    with pytest.raises(FileTooLarge, match="over the limit"):
        asyncio.run(read_upload_form(Request(scope, receive), 2**20))
    # 1 MB + the form's framing, in 64 KB chunks: nothing near the 50 MB was read.
    assert sent[0] <= (2**20 + 64 * 1024) // CHUNK + 1


@pytest.fixture
def write_client(tmp_path: Path) -> Iterator[TestClient]:
    with EmbeddedStore(tmp_path / "w.lbdb") as store:
        settings = Settings(api_key=SecretStr(API_KEY), max_upload_mb=1)
        with TestClient(create_app(settings, store), raise_server_exceptions=False) as c:
            yield c


def test_a_chunked_upload_over_the_limit_answers_413(write_client):
    sent = [0]
    response = write_client.post(
        "/plans",
        content=multipart_chunks(3 * 2**20, sent),
        headers={**KEY, "content-type": "multipart/form-data; boundary=b"},
    )
    assert "content-length" not in {k.lower() for k in response.request.headers}
    assert_problem(response, 413)
    assert write_client.get("/plans").json()["total"] == 0


@pytest.fixture
def limits(monkeypatch):
    """Readers take their limits from the environment's settings."""

    def set_limits(**values: str) -> None:
        for name, value in values.items():
            monkeypatch.setenv(f"PLANKG_{name.upper()}", value)
        get_settings.cache_clear()

    yield set_limits
    monkeypatch.undo()
    get_settings.cache_clear()


def padded_docx(tmp_path: Path, pad_bytes: int) -> bytes:
    """A real .docx of the fragment with one extra part of zeros, which compresses ~1000:1."""
    plain = write_docx(tmp_path / "p.docx", FRAGMENT.splitlines()).read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(plain)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr("word/media/pad.bin", b"\0" * pad_bytes, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def test_a_docx_bomb_is_refused_before_it_is_parsed(tmp_path, limits, write_client):
    bomb = padded_docx(tmp_path, 20 * 2**20)
    assert len(bomb) < 100 * 1024
    with pytest.raises(FileTooLarge, match=r"expands \d+ times its size"):
        ingest_bytes(bomb, "bomb.docx")
    response = write_client.post("/plans", files={"file": ("bomb.docx", bomb)}, headers=KEY)
    assert "a zip bomb?" in assert_problem(response, 413)["detail"]
    limits(max_docx_expanded_mb="1", max_docx_ratio="100000")
    with pytest.raises(
        FileTooLarge, match=r"expands to \d+ bytes, over the limit of 1048576 bytes"
    ):
        ingest_bytes(bomb, "bomb.docx")
    assert ingest_bytes(padded_docx(tmp_path, 0), "plain.docx").tasks  # an ordinary one reads


def test_a_pdf_of_too_many_pages_is_refused_before_its_text_is_read(limits):
    from fpdf import FPDF

    pdf = FPDF()
    for _ in range(6):
        pdf.add_page()
    data = bytes(pdf.output())
    limits(max_pdf_pages="5")
    with pytest.raises(FileTooLarge, match="6 pages is over the limit of 5 pages"):
        ingest_bytes(data, "long.pdf")


def test_health_answers_during_an_ingest_and_a_second_ingest_is_refused(tmp_path):
    big = write_large_plan(tmp_path / "big.txt", 200 * 1024).read_bytes()
    with EmbeddedStore(tmp_path / "w.lbdb") as store:
        settings = Settings(api_key=SecretStr(API_KEY), max_upload_mb=2)
        with TestClient(create_app(settings, store), raise_server_exceptions=False) as client:
            result: dict = {}

            def upload() -> None:
                result["first"] = client.post(
                    "/plans", files={"file": ("big.txt", big)}, headers=KEY
                )

            first = threading.Thread(target=upload)
            first.start()
            second = None
            health_during = []
            deadline = time.monotonic() + 60
            while first.is_alive() and time.monotonic() < deadline:
                response = client.get("/health")
                if first.is_alive():
                    health_during.append(response.status_code)
                if second is None and first.is_alive():
                    second = client.post("/plans", files={"file": ("p.txt", FRAGMENT)}, headers=KEY)
                    if second.status_code != 503:  # the first had not started yet; try again
                        second = None
                time.sleep(0.05)
            first.join()
    assert result["first"].status_code == 201, result["first"].text
    assert health_during and set(health_during) == {200}
    assert second is not None
    assert second.headers["retry-after"] == "5"
    assert "already ingesting 1 upload" in assert_problem(second, 503)["detail"]
