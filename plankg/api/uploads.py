"""Uploads that cannot hurt the server: the body is counted while it streams in and cut at the
limit (chunked or not, whatever Content-Length claims), before more than the limit is spooled;
the ingest itself runs in a worker thread, a bounded number at a time, so /health and reads keep
answering while a large plan is parsed."""

from __future__ import annotations

import threading
from collections.abc import AsyncGenerator, Callable
from typing import TypeVar

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from plankg.errors import FileTooLarge, InputError, ServerBusy

FORM_OVERHEAD = 64 * 1024
"""Room for the multipart framing and the small fields (the API key of the web form)."""

T = TypeVar("T")


async def _limited(request: Request, limit: int) -> AsyncGenerator[bytes, None]:
    seen = 0
    async for chunk in request.stream():
        seen += len(chunk)
        if seen > limit:
            raise FileTooLarge(f"upload: the request body is over the limit of {limit} bytes")
        yield chunk


async def read_upload_form(request: Request, max_bytes: int) -> FormData:
    """The multipart form of an upload of at most ``max_bytes`` (plus the form's framing)."""
    limit = max_bytes + FORM_OVERHEAD
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise FileTooLarge(f"upload: {int(declared)} bytes is over the limit of {max_bytes} bytes")
    if not request.headers.get("content-type", "").lower().startswith("multipart/form-data"):
        raise InputError("upload: send the plan as a multipart form field named 'file'")
    parser = MultiPartParser(
        request.headers,
        _limited(request, limit),
        max_files=1,
        max_fields=5,
        max_part_size=FORM_OVERHEAD,
    )
    try:
        return await parser.parse()
    except MultiPartException as exc:
        raise InputError(f"upload: {exc.message}") from exc


async def file_of(form: FormData, max_bytes: int) -> tuple[str, bytes]:
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise InputError("upload: send the plan as a multipart form field named 'file'")
    try:
        data = await upload.read(max_bytes + 1)
    finally:
        await upload.close()
    if len(data) > max_bytes:
        raise FileTooLarge(f"{upload.filename}: the file is over the limit of {max_bytes} bytes")
    return upload.filename or "upload.txt", data


async def read_upload(request: Request, max_bytes: int) -> tuple[str, bytes]:
    """The uploaded file's name and bytes (multipart field ``file``)."""
    return await file_of(await read_upload_form(request, max_bytes), max_bytes)


class IngestSlots:
    """At most ``size`` ingests at once in this process; one more is refused at once (503 with
    Retry-After) rather than queued behind a long parse."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._slots = threading.BoundedSemaphore(size)

    async def run(self, work: Callable[[], T]) -> T:
        if not self._slots.acquire(blocking=False):
            raise ServerBusy(
                f"the server is already ingesting {self.size} upload(s); retry in a moment",
                retry_after_s=5,
            )
        try:
            return await run_in_threadpool(work)
        finally:
            self._slots.release()


def ingest_slots(request: Request) -> IngestSlots:
    slots: IngestSlots | None = getattr(request.app.state, "ingest_slots", None)
    if slots is None:
        slots = IngestSlots(request.app.state.settings.max_concurrent_ingests)
        request.app.state.ingest_slots = slots
    return slots
