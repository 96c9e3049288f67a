"""Every error plankg raises on purpose.

One tree rooted in :class:`PlankgError`. Library code raises these; only the edges translate them
(the CLI to a one-line message and exit code, the API to a problem-details response). Each class
carries the HTTP status an API edge should use and the CLI exit code.

PlankgError
├── InputError                 the user's input cannot be used           (exit 2, HTTP 400/422)
│   ├── SourceNotFound         a path that does not exist or cannot be read
│   ├── UnsupportedFormat      an extension or content type we do not read   (HTTP 415)
│   ├── EmptyDocument          nothing but whitespace
│   ├── UndecodableText        binary junk, or text in no encoding we can detect
│   ├── CorruptDocument        a .docx/.pdf/.html that its library cannot open
│   ├── NoTextLayer            a scanned PDF with no text to extract
│   ├── NoOutline              text with no recognisable 一、/（一）/1. outline
│   ├── FileTooLarge           larger than the configured limit              (HTTP 413)
│   ├── EnterpriseDataError    a bad enterprise CSV (with line numbers)
│   └── ProgressDataError      bad progress reports (every bad row, with its sheet row number)
├── NotFound                   a name or id that resolves to nothing (with suggestions) (HTTP 404)
├── AmbiguousName              a name that resolves to several entities (with candidates) (HTTP 409)
├── QueryError                 an unknown named query, bad parameters, a refused Cypher write
│   └── ReadOnlyViolation      a write attempted through the read-only Cypher endpoint (HTTP 403)
├── StoreError                 the graph store failed                       (exit 3, HTTP 503)
│   ├── StoreLocked            the embedded database is held by another process
│   ├── StoreUnavailable       a server that cannot be reached
│   └── ServerBusy             too much work in flight; retry after a moment (Retry-After)
└── AuthError                  a write without a valid API key               (HTTP 401/403)
"""

from __future__ import annotations

from typing import Any


class PlankgError(Exception):
    """Base of every deliberate plankg error."""

    http_status: int = 400
    exit_code: int = 1
    title: str = "plankg error"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def one_line(self) -> str:
        """The message as one line, as the CLI prints it."""
        return " ".join(self.message.split())


class InputError(PlankgError):
    http_status = 422
    exit_code = 2
    title = "Unusable input"


class SourceNotFound(InputError):
    http_status = 404
    title = "Source not found"


class UnsupportedFormat(InputError):
    http_status = 415
    title = "Unsupported format"


class EmptyDocument(InputError):
    title = "Empty document"


class UndecodableText(InputError):
    title = "Undecodable text"


class CorruptDocument(InputError):
    title = "Corrupt document"


class NoTextLayer(InputError):
    title = "No text layer"


class NoOutline(InputError):
    title = "No outline"


class FileTooLarge(InputError):
    http_status = 413
    title = "File too large"


class EnterpriseDataError(InputError):
    title = "Invalid enterprise data"


class ProgressDataError(InputError):
    title = "Invalid progress data"

    def __init__(self, message: str, problems: list[str] | None = None, **details: Any) -> None:
        super().__init__(message, **details)
        self.problems = problems or []


class NotFound(PlankgError):
    http_status = 404
    exit_code = 4
    title = "Not found"

    def __init__(self, message: str, suggestions: list[str] | None = None, **details: Any) -> None:
        super().__init__(message, **details)
        self.suggestions = suggestions or []


class AmbiguousName(PlankgError):
    http_status = 409
    exit_code = 4
    title = "Ambiguous name"

    def __init__(
        self, message: str, candidates: list[dict[str, Any]] | None = None, **details: Any
    ) -> None:
        super().__init__(message, **details)
        self.candidates = candidates or []


class QueryError(PlankgError):
    http_status = 400
    exit_code = 2
    title = "Bad query"


class ReadOnlyViolation(QueryError):
    http_status = 403
    title = "Writes are not allowed"


class StoreError(PlankgError):
    http_status = 503
    exit_code = 3
    title = "Graph store error"


class StoreLocked(StoreError):
    title = "Graph store is locked"


class StoreUnavailable(StoreError):
    title = "Graph store unavailable"


class ServerBusy(StoreError):
    title = "Server busy"

    def __init__(self, message: str, retry_after_s: int = 1, **details: Any) -> None:
        super().__init__(message, **details)
        self.retry_after_s = retry_after_s


class AuthError(PlankgError):
    http_status = 403
    exit_code = 5
    title = "Not authorised"
