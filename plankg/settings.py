"""One settings object for every edge (CLI, API, notebooks). Environment prefix ``PLANKG_``."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PLANKG_", env_file=None, extra="ignore")

    # Embedded store (LadybugDB): one database file.
    db: Path = Path("plankg.lbdb")
    # LadybugDB's page cache. Unset: 512 MB for a read-only store (serving reads, several
    # workers side by side) and LadybugDB's own default (most of the RAM) for a writable one,
    # because one large plan is written in one transaction and must fit.
    buffer_pool_mb: int | None = Field(default=None, ge=64)

    # Neo4j: used instead of the embedded store when a URI is set.
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    # No default: a deployment that forgets the password is refused at open, never let in with
    # a well-known one (the server's is PLANKG_NEO4J_PASSWORD, or the compose file's variable).
    neo4j_password: SecretStr | None = None
    neo4j_database: str = "neo4j"
    neo4j_batch_size: int = 2000

    # Language of what the CLI, the Excel workbook and the web pages write (zh or en).
    lang: Literal["zh", "en"] = "zh"

    # API
    api_key: SecretStr | None = None
    enable_cypher: bool = False
    cypher_timeout_s: float = 5.0
    cypher_row_cap: int = 1000
    cypher_max_reply_kb: int = 2048  # rows past this much JSON are cut (truncated)
    cypher_memory_mb: int = 1024  # the query process's memory beyond its page cache
    cypher_buffer_pool_mb: int = 256  # the query process's page cache (embedded store)
    max_upload_mb: int = 60
    default_page_size: int = 50
    max_page_size: int = 500
    # Uploads ingested at once per worker; one more answers 503 with Retry-After. Each runs in
    # a worker thread, so /health and reads keep answering meanwhile.
    max_concurrent_ingests: int = Field(default=1, ge=1)
    # Store reads in flight per worker: LadybugDB's buffer pool is shared by every read, and
    # too many at once exhaust it ("buffer pool is full") and can crash the library. Unset:
    # one per 128 MB of the read-only pool (4 for the default 512 MB). Requests beyond it wait
    # up to store_wait_s, then answer 503 with Retry-After.
    max_concurrent_reads: int | None = Field(default=None, ge=1)
    store_wait_s: float = Field(default=2.0, ge=0.0)
    # Requests a worker works on at once (/health aside); one more waits up to store_wait_s,
    # then answers 503 with Retry-After. Their Python work shares one interpreter lock, so
    # admitting more only makes every one slower and adds up their memory.
    max_concurrent_requests: int = Field(default=4, ge=1)

    # Ledger (台账): no report for this many days puts a task at risk; a target this far (share
    # of its value) under the share of its period gone is 滞后.
    ledger_stale_days: int = Field(default=60, ge=1)
    ledger_behind_tolerance: float = Field(default=0.10, ge=0.0, le=1.0)

    # Ingest
    max_file_mb: int = 200
    # Archives and page counts checked before parsing: a .docx whose parts expand beyond this
    # (or more than max_docx_ratio times its compressed size) is refused, as is a PDF of more
    # pages than max_pdf_pages.
    max_docx_expanded_mb: int = Field(default=200, ge=1)
    max_docx_ratio: int = Field(default=100, ge=1)
    max_pdf_pages: int = Field(default=2000, ge=1)
    allow_unstructured: bool = False


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
