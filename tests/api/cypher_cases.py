"""Cypher statements for the generator: the OpenAPI document marks ``POST /cypher``'s ``query`` as
``format: cypher``, a grammar JSON Schema cannot spell, so schemathesis gets a strategy that
writes Cypher: read statements the store runs (literals full of quotes, backticks, ``//`` and
``/*``), and writes, loads and file-reading calls the guard must refuse (403).

Registered on import; the schemathesis CLI loads it with
``SCHEMATHESIS_HOOKS=tests.api.cypher_cases``.
"""

from __future__ import annotations

import schemathesis
from hypothesis import strategies as st

INT64 = (-(2**63), 2**63 - 1)
TEXT = st.lists(
    st.sampled_from([*"ab 有色金属'\"`\\/*-;{}()$", "//", "/*", "*/", "\\'"]), max_size=16
).map("".join)


def _quoted(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


SCALAR = st.one_of(
    TEXT.map(_quoted),
    st.integers(*INT64).map(str),
    # Fixed-point: LadybugDB's grammar reads 1.5e30 but not 1.5e+30.
    st.floats(-1e15, 1e15).map(lambda x: f"{x:.6f}"),
    st.sampled_from(["true", "false", "null"]),
)
LIST = st.lists(st.integers(-1000, 1000), max_size=6).map(
    lambda xs: "[" + ", ".join(map(str, xs)) + "]"
)
ALIAS = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True).map(lambda a: f"`{a}`")
LABEL = st.sampled_from(["Plan", "Task", "Office", "Industry", "Chain", "Target", "Agency"])
LIMIT = st.integers(0, 50)

READS = st.one_of(
    st.builds("RETURN {} AS {}".format, SCALAR, ALIAS),
    st.builds("WITH {} AS x RETURN x AS {}".format, SCALAR, ALIAS),
    st.builds("UNWIND {} AS x RETURN x LIMIT {}".format, LIST, LIMIT),
    st.builds("MATCH (n:{}) RETURN count(n) AS c".format, LABEL),
    st.builds("MATCH (n:{}) RETURN n.id AS id LIMIT {}".format, LABEL, LIMIT),
    st.builds(
        "MATCH (t:Task) WHERE t.code = {} RETURN t.code AS code LIMIT {}".format,
        TEXT.map(_quoted),
        LIMIT,
    ),
    st.builds("// {}\nMATCH (o:Office) RETURN o.name AS name LIMIT {}".format, TEXT, LIMIT),
)
REFUSED = st.one_of(
    st.builds("CREATE (n:Task {{code: {}}})".format, TEXT.map(_quoted)),
    st.just("MATCH (n) DETACH DELETE n"),
    st.builds("UNWIND [{}] AS s LOAD FROM '/etc/passwd' RETURN *".format, TEXT.map(_quoted)),
    st.just("CALL current_setting('home_directory') RETURN *"),
    st.just("COPY Task TO '/tmp/out.csv'"),
    st.builds("MATCH (n:Plan) SET n.title = {} RETURN n".format, TEXT.map(_quoted)),
)
CYPHER = st.one_of(READS, REFUSED)

schemathesis.openapi.format("cypher", CYPHER)
