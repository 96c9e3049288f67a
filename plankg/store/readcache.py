"""Answers that change only when the store's data does, kept per store object.

A read-only embedded store reads the snapshot it opened (LadybugDB does not show a read-only
database the commits other processes make later) until it sees the file changed and opens it
again (``EmbeddedStore.snapshot_generation``: two ``stat`` calls, no query). Any other store is fingerprinted with the ``store_version`` query before a kept
answer is reused, so a load or removal, in this process or another, is seen at once.

Kept answers are shared between requests: callers must not mutate them.
"""

from __future__ import annotations

import hashlib
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

from plankg.store.protocol import GraphStore
from plankg.store.queries import run_query

T = TypeVar("T")
# Answers per store (name indexes, gap reports per plan, sharing answers per concept); the least
# recently used goes first.
MAX_ANSWERS = 2048
SNAPSHOT = "snapshot"


class _StoreAnswers:
    def __init__(self) -> None:
        self.version: str | None = None
        self.answers: OrderedDict[Hashable, Any] = OrderedDict()
        self.lock = threading.Lock()
        # One lock per answer being computed: concurrent requests for the same missing answer
        # wait for the first instead of each running the same heavy reads (which can exhaust
        # the store's buffer pool).
        self.computing: dict[tuple[str, Hashable], threading.Lock] = {}


_by_store: weakref.WeakKeyDictionary[Any, _StoreAnswers] = weakref.WeakKeyDictionary()
_by_store_lock = threading.Lock()


def is_snapshot(store: GraphStore) -> bool:
    return store.kind == "embedded" and bool(getattr(store, "read_only", False))


def store_version(store: GraphStore) -> str:
    """A string that changes whenever the store's plans or shared nodes do."""
    if is_snapshot(store):
        # The file read as it was when last opened; opened again after another process wrote
        # it, and then a new generation.
        generation = getattr(store, "snapshot_generation", None)
        return f"{SNAPSHOT}-{generation() if callable(generation) else 0}"
    rows = run_query(store, "store_version")
    parts = sorted(
        (str(r["part"]), str(r["key"]), str(r["loaded_at"]), str(r["sha256"]), int(r["n"] or 0))
        for r in rows
    )
    return hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()


def _answers_of(store: GraphStore) -> _StoreAnswers:
    with _by_store_lock:
        answers = _by_store.get(store)
        if answers is None:
            answers = _by_store[store] = _StoreAnswers()
        return answers


def cached(store: GraphStore, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()`` for ``key``, reused until the store's data changes; computed once even when
    several threads ask at the same time."""
    version = store_version(store)
    kept = _answers_of(store)
    with kept.lock:
        if kept.version != version:
            kept.version = version
            kept.answers.clear()
        if key in kept.answers:
            kept.answers.move_to_end(key)
            return cast(T, kept.answers[key])
        computing = kept.computing.setdefault((version, key), threading.Lock())
    with computing:
        with kept.lock:
            if kept.version == version and key in kept.answers:
                return cast(T, kept.answers[key])
        try:
            value = compute()
            with kept.lock:
                if kept.version == version:
                    kept.answers[key] = value
                    if len(kept.answers) > MAX_ANSWERS:
                        kept.answers.popitem(last=False)
        finally:
            with kept.lock:
                kept.computing.pop((version, key), None)
    return value


def forget(store: GraphStore) -> None:
    """Drop every kept answer of ``store`` (after a write made through it)."""
    with _by_store_lock:
        _by_store.pop(store, None)


def kept_query(store: GraphStore, name: str, **params: Any) -> list[dict[str, Any]]:
    """``run_query`` whose rows are kept per state of the store (shared: do not mutate them)."""
    return cached(
        store,
        ("query", name, tuple(sorted(params.items()))),
        lambda: run_query(store, name, **params),
    )
