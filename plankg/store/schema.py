"""The graph model: every label, relationship type and property, in one place.

Both stores derive their DDL from these tables (LadybugDB needs typed tables; Neo4j gets
uniqueness constraints and indexes). Query files and the Cypher lint use the same names.

Conventions:
- every node has a string primary key ``id``;
- evidence on an edge is ``evidence`` (the exact phrase) with ``ev_start``/``ev_end`` offsets into
  the plan's clean text (``Plan.text``); ``end`` is avoided as a property name because it is a
  Cypher keyword;
- every edge created by a plan carries ``plan_id`` so a plan's subgraph can be replaced.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Property types use LadybugDB's names; Neo4j is schemaless for properties.
STRING, INT, FLOAT, BOOL, STRINGS = "STRING", "INT64", "DOUBLE", "BOOLEAN", "STRING[]"

EVIDENCE_PROPS = {"evidence": STRING, "ev_start": INT, "ev_end": INT, "plan_id": STRING}


@dataclass(frozen=True)
class NodeTable:
    label: str
    props: dict[str, str]  # name -> type, "id" first
    doc: str = ""


@dataclass(frozen=True)
class RelTable:
    type: str
    pairs: tuple[tuple[str, str], ...]
    props: dict[str, str] = field(default_factory=dict)
    doc: str = ""


def _named(extra: dict[str, str] | None = None) -> dict[str, str]:
    props = {"id": STRING, "name": STRING, "name_en": STRING, "aliases": STRINGS, "pinyin": STRING}
    props.update(extra or {})
    return props


NODES: tuple[NodeTable, ...] = (
    NodeTable(
        "Plan",
        {
            "id": STRING,
            "title": STRING,
            "issuer": STRING,
            "doc_no": STRING,
            "issued": STRING,
            "period_start": INT,
            "period_end": INT,
            "source_name": STRING,
            "source_format": STRING,
            "sha256": STRING,
            "digest": STRING,  # of the plan's graph rows: an identical re-ingest writes nothing
            "text": STRING,
            "loaded_at": STRING,
            "unparsed": STRING,  # JSON list of the clauses extraction did not understand
        },
        "One ingested plan; id is issuer+doc number, else a content hash.",
    ),
    NodeTable(
        "Section",
        {
            "id": STRING,
            "plan_id": STRING,
            "code": STRING,
            "number": STRING,
            "title": STRING,
            "level": INT,
            "intro": STRING,
            "span_start": INT,
            "span_end": INT,
        },
        "A non-leaf heading (一、 / （一）) with its own intro text.",
    ),
    NodeTable(
        "Task",
        {
            "id": STRING,
            "plan_id": STRING,
            "code": STRING,
            "sort_key": STRING,  # outline order of code as text (plankg.codes), for paging
            "number": STRING,
            "title": STRING,
            "text": STRING,
            "level": INT,
            "span_start": INT,
            "span_end": INT,
            "has_owner": BOOL,
            "open_ended": BOOL,
            "warnings": STRINGS,
            "deadline": STRING,
        },
        "A leaf numbered item; code is its numbering path in arabic digits (4.1.1).",
    ),
    NodeTable(
        "Target",
        {
            "id": STRING,
            "plan_id": STRING,
            "holder_id": STRING,
            "ordinal": INT,
            "metric": STRING,
            "value": FLOAT,
            "value_max": FLOAT,
            "unit": STRING,
            "raw_value": STRING,
            "qualifiers": STRINGS,
            "kind": STRING,
            "year": INT,
            "period_start": INT,
            "period_end": INT,
            "vague": BOOL,
            "evidence": STRING,
            "ev_start": INT,
            "ev_end": INT,
        },
        "A numeric or vague goal of a task or section.",
    ),
    NodeTable(
        "Office",
        _named({"issuer": STRING, "alias_rules": STRINGS}),
        "An internal unit of the issuing body (科室); id is issuer-scoped.",
    ),
    NodeTable("Collective", _named(), "A group owner word (各产业科室): nobody in particular."),
    NodeTable(
        "Agency",
        _named({"unnamed": BOOL, "resolved": BOOL}),
        "An outside department (市发展改革委) or the unnamed lead department.",
    ),
    NodeTable("Industry", _named({"resolved": BOOL}), "An industry from the vocabulary."),
    NodeTable(
        "Chain", _named({"industry": STRING, "resolved": BOOL}), "An industrial chain (产业链)."
    ),
    NodeTable("Enterprise", _named({"region": STRING, "resolved": BOOL}), "A named enterprise."),
    NodeTable(
        "Park",
        _named({"region": STRING, "park_kind": STRING}),
        "An industrial park, chemical park or cluster site.",
    ),
    NodeTable("Region", _named({"region_kind": STRING}), "A county, city or district."),
    NodeTable("Document", {"id": STRING, "title": STRING}, "A document cited as 《…》."),
    NodeTable(
        "Progress",
        {
            "id": STRING,
            "subject_kind": STRING,
            "subject_id": STRING,
            "plan_id": STRING,
            "task_code": STRING,
            "task_text": STRING,
            "value": FLOAT,
            "state": STRING,
            "as_of": STRING,
            "note": STRING,
            "office": STRING,
            "evidence": STRING,
            "recorded_at": STRING,
            "source": STRING,
        },
        "A progress report of the ledger (台账); id is a key of its content. Append-only.",
    ),
)

_HOLDERS = ("Task", "Section")

RELS: tuple[RelTable, ...] = (
    RelTable("HAS_SECTION", (("Plan", "Section"), ("Section", "Section"))),
    RelTable("HAS_TASK", (("Section", "Task"), ("Plan", "Task"))),
    RelTable("HAS_OFFICE", (("Plan", "Office"),)),
    RelTable(
        "RESPONSIBLE_FOR",
        (
            ("Office", "Task"),
            ("Collective", "Task"),
            ("Office", "Section"),
            ("Collective", "Section"),
        ),
        {"role": STRING, "raw": STRING, "open_ended": BOOL, **EVIDENCE_PROPS},
        "Who carries a task: role sole | each | lead | support | collective.",
    ),
    RelTable(
        "INVOLVES",
        tuple((h, "Agency") for h in _HOLDERS),
        {"relation": STRING, "raw": STRING, **EVIDENCE_PROPS},
    ),
    # a plan holds the targets of its opening text, before the first heading
    RelTable("HAS_TARGET", tuple((h, "Target") for h in ("Plan", *_HOLDERS)), {"plan_id": STRING}),
    RelTable(
        "CONCERNS",
        tuple((h, t) for h in _HOLDERS for t in ("Industry", "Chain")),
        {"surface": STRING, **EVIDENCE_PROPS},
    ),
    RelTable("PART_OF", (("Chain", "Industry"),), {"source": STRING}),
    RelTable(
        "LEADS",
        (("Enterprise", "Chain"), ("Enterprise", "Industry")),
        {"role": STRING, "source": STRING, **EVIDENCE_PROPS},
    ),
    RelTable(
        "MENTIONS",
        tuple((h, "Enterprise") for h in _HOLDERS),
        {"surface": STRING, **EVIDENCE_PROPS},
    ),
    RelTable(
        "LOCATED_IN", tuple((h, "Region") for h in _HOLDERS), {"surface": STRING, **EVIDENCE_PROPS}
    ),
    RelTable(
        "DEVELOPS", tuple((h, "Park") for h in _HOLDERS), {"surface": STRING, **EVIDENCE_PROPS}
    ),
    RelTable(
        "HAS_PROGRESS",
        tuple((h, "Progress") for h in ("Task", "Target")),
        {"plan_id": STRING},
        "A task or target and its progress reports; re-attached when the plan is revised.",
    ),
    RelTable("SITUATED_IN", (("Park", "Region"), ("Enterprise", "Region")), {"source": STRING}),
    RelTable(
        "CITES", tuple((h, "Document") for h in _HOLDERS), {"surface": STRING, **EVIDENCE_PROPS}
    ),
)

NODE_BY_LABEL = {n.label: n for n in NODES}
REL_BY_TYPE = {r.type: r for r in RELS}
LABELS = tuple(NODE_BY_LABEL)
REL_TYPES = tuple(REL_BY_TYPE)

# Nodes that belong to exactly one plan and go when the plan is replaced or removed.
PLAN_OWNED_LABELS = ("Section", "Task", "Target")

# Nodes that outlive every plan: a progress report whose task disappears is kept (orphaned), never
# removed by a plan replacement or removal.
KEPT_LABELS = ("Progress",)

# ``source`` of an edge loaded from a data file (enterprise CSV) rather than from a plan: its
# nodes are kept when plans are replaced or removed, though no plan refers to them.
DATASET_SOURCE = "dataset"
# Edges between shared nodes that carry a ``source``, and so may come from a data file.
SOURCED_REL_TYPES = tuple(r.type for r in RELS if "source" in r.props)


def ladybug_ddl() -> list[str]:
    """CREATE statements for LadybugDB, idempotent."""
    stmts = []
    for node in NODES:
        cols = ", ".join(f"{name} {typ}" for name, typ in node.props.items())
        stmts.append(f"CREATE NODE TABLE IF NOT EXISTS {node.label}({cols}, PRIMARY KEY(id))")
    for rel in RELS:
        pairs = ", ".join(f"FROM {a} TO {b}" for a, b in rel.pairs)
        cols = "".join(f", {name} {typ}" for name, typ in rel.props.items())
        stmts.append(f"CREATE REL TABLE IF NOT EXISTS {rel.type}({pairs}{cols})")
    return stmts


def neo4j_ddl() -> list[str]:
    """Uniqueness constraints and lookup indexes for Neo4j, idempotent."""
    stmts = [
        f"CREATE CONSTRAINT {n.label.lower()}_id IF NOT EXISTS FOR (n:{n.label}) REQUIRE n.id IS UNIQUE"
        for n in NODES
    ]
    for label in PLAN_OWNED_LABELS:
        stmts.append(
            f"CREATE INDEX {label.lower()}_plan IF NOT EXISTS FOR (n:{label}) ON (n.plan_id)"
        )
    for label in ("Office", "Industry", "Chain", "Agency"):
        stmts.append(f"CREATE INDEX {label.lower()}_name IF NOT EXISTS FOR (n:{label}) ON (n.name)")
    return stmts


def all_property_names() -> set[str]:
    names: set[str] = set()
    for n in NODES:
        names.update(n.props)
    for r in RELS:
        names.update(r.props)
    return names
