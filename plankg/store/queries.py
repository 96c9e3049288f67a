"""The named-query library: every read the product makes is a file in ``plankg/queries``.

Each ``<name>.cypher`` opens with a header of ``//`` comment lines::

    // name: offices_sharing
    // purpose: offices whose tasks concern an industry or chain, with the connecting tasks
    // params: ids (list of Industry/Chain ids), plan_id (string or null = all plans)
    // returns: office_id, office, task_id, ...

An optional ``// sets: col, ...`` names list columns gathered by ``collect()``, which promises
no order on either store: ``run_query`` returns them sorted, so answers read the same everywhere.

A header line that starts with spaces after ``//`` continues the previous key. ``params: none``
declares no parameters. A parameter whose description mentions ``null`` may be left out by the
caller and is then passed as null (the query treats null as "no filter").

A backend that truly needs different text gets ``<name>.ladybug.cypher`` or ``<name>.neo4j.cypher``
beside the portable file; that override wins for its backend and keeps the portable header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

from plankg.errors import QueryError
from plankg.store.protocol import GraphStore

BACKENDS = ("ladybug", "neo4j")
# GraphStore.kind -> the backend name used in override file names.
BACKEND_OF_STORE_KIND = {"embedded": "ladybug", "ladybug": "ladybug", "neo4j": "neo4j"}
HEADER_KEYS = ("name", "purpose", "params", "returns")
OPTIONAL_HEADER_KEYS = ("sets",)

_HEADER_LINE = re.compile(r"^//\s?(?P<key>[a-z]+):\s*(?P<value>.*)$")
_CONTINUATION = re.compile(r"^//\s{2,}(?P<value>\S.*)$")
_PARAM = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*(?:\((?P<doc>.*)\))?$", re.DOTALL)


@dataclass(frozen=True)
class QueryParam:
    name: str
    description: str
    optional: bool  # may be omitted: the query reads null as "no filter"


@dataclass(frozen=True)
class QueryInfo:
    name: str
    purpose: str
    parameters: tuple[QueryParam, ...]
    columns: tuple[str, ...]
    file: str  # file name inside plankg/queries
    sets: tuple[str, ...] = ()  # list columns returned sorted (collect() keeps no order)

    @property
    def parameter_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.parameters)


def queries_dir() -> Traversable:
    return files("plankg").joinpath("queries")


def split_top_level(text: str) -> list[str]:
    """Split on commas that are not inside parentheses (descriptions may contain commas)."""
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for char in text:
        if char in "(（":
            depth += 1
        elif char in ")）":
            depth -= 1
        if char == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    parts.append("".join(current).strip())
    return [p for p in parts if p]


def parse_params(text: str, where: str) -> tuple[QueryParam, ...]:
    if text.strip().lower() in ("", "none"):
        return ()
    params = []
    for item in split_top_level(text):
        match = _PARAM.match(item)
        if not match:
            raise QueryError(f"{where}: cannot read parameter {item!r} in the params header")
        doc = (match["doc"] or "").strip()
        params.append(QueryParam(match["name"], doc, optional="null" in doc.lower()))
    return tuple(params)


def parse_header(text: str, file_name: str) -> QueryInfo:
    """Read the leading ``//`` block of a query file into a QueryInfo."""
    fields: dict[str, str] = {}
    last_key: str | None = None
    for line in text.splitlines():
        line = line.rstrip()
        if not line.startswith("//"):
            break
        continuation = _CONTINUATION.match(line)
        header = _HEADER_LINE.match(line)
        if continuation and last_key:
            fields[last_key] += " " + continuation["value"].strip()
        elif header and header["key"] in (*HEADER_KEYS, *OPTIONAL_HEADER_KEYS):
            last_key = header["key"]
            fields[last_key] = header["value"].strip()
    missing = [key for key in HEADER_KEYS if key not in fields]
    if missing:
        raise QueryError(f"{file_name}: header lacks {', '.join(missing)}")
    expected_name = file_name.split(".", 1)[0]
    if fields["name"] != expected_name:
        raise QueryError(f"{file_name}: header names {fields['name']!r}, file is {expected_name!r}")
    columns = tuple(split_top_level(fields["returns"]))
    sets = tuple(split_top_level(fields.get("sets", "")))
    unknown = [name for name in sets if name not in columns]
    if unknown:
        raise QueryError(f"{file_name}: sets names {', '.join(unknown)}, not among its returns")
    return QueryInfo(
        name=fields["name"],
        purpose=fields["purpose"],
        parameters=parse_params(fields["params"], file_name),
        columns=columns,
        file=file_name,
        sets=sets,
    )


@lru_cache(maxsize=1)
def _catalogue() -> dict[str, QueryInfo]:
    catalogue = {}
    for entry in sorted(queries_dir().iterdir(), key=lambda e: e.name):
        name = entry.name
        if not name.endswith(".cypher") or name.count(".") != 1:
            continue  # backend overrides are found through their portable file
        catalogue[name.removesuffix(".cypher")] = parse_header(entry.read_text("utf-8"), name)
    return catalogue


def list_queries() -> list[QueryInfo]:
    return list(_catalogue().values())


def get_query(name: str) -> QueryInfo:
    catalogue = _catalogue()
    if name not in catalogue:
        raise QueryError(f"unknown query {name!r}; known queries: {', '.join(catalogue)}")
    return catalogue[name]


def backend_name(backend: str) -> str:
    if backend not in BACKEND_OF_STORE_KIND:
        raise QueryError(f"unknown backend {backend!r}; expected one of {', '.join(BACKENDS)}")
    return BACKEND_OF_STORE_KIND[backend]


@lru_cache(maxsize=256)
def load_query(name: str, backend: str) -> str:
    """The Cypher text of ``name`` for ``backend`` (ladybug | neo4j; ``embedded`` = ladybug)."""
    info = get_query(name)
    override = queries_dir().joinpath(f"{name}.{backend_name(backend)}.cypher")
    source = override if override.is_file() else queries_dir().joinpath(info.file)
    return source.read_text("utf-8")


def bind_params(info: QueryInfo, given: dict[str, Any]) -> dict[str, Any]:
    """Check ``given`` against the header; fill left-out optional parameters with null."""
    declared = set(info.parameter_names)
    extra = sorted(set(given) - declared)
    missing = [p.name for p in info.parameters if p.name not in given and not p.optional]
    if extra or missing:
        problems = []
        if missing:
            problems.append(f"missing {', '.join(missing)}")
        if extra:
            problems.append(f"unexpected {', '.join(extra)}")
        expected = ", ".join(info.parameter_names) or "none"
        raise QueryError(f"query {info.name!r}: {'; '.join(problems)} (parameters: {expected})")
    return {p.name: given.get(p.name) for p in info.parameters}


def run_query(store: GraphStore, name: str, **params: Any) -> list[dict[str, Any]]:
    """Run the named read on ``store``; rows as dicts keyed by the header's columns."""
    info = get_query(name)
    bound = bind_params(info, params)
    rows = store.run_read(load_query(name, store.kind), bound)
    if info.sets:
        for row in rows:
            for column in info.sets:
                if row[column] is not None:
                    row[column] = sorted(row[column])
    return rows
