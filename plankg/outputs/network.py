"""Interactive network pages (vis-network through pyvis) that work with no network connection.

pyvis's own template pulls vis-network, Bootstrap and tom-select from CDNs even in ``in_line``
mode, so pyvis only builds the node and edge records here; the page comes from our template with
the vis-network build that ships inside the pyvis package inlined. No ``http://`` or ``https://``
is left anywhere in the page (the library's licence comments and the SVG namespace keep working
with ``:\\/\\/``, which JavaScript and CSS read as ``://``).
"""

from __future__ import annotations

import html
import json
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from string import Template
from typing import Any

import networkx as nx

from plankg.analysis.names import plan_id_of, resolve_concept, resolve_office, resolve_plan
from plankg.analysis.projection import display_name, to_networkx
from plankg.errors import InputError
from plankg.store.protocol import GraphStore

VIEW_KINDS: tuple[str, ...] = ("industry", "chain", "office", "plan")
VIS_VERSION = "vis-9.1.2"

# label -> (shape, colour, English caption for the legend)
LABEL_STYLE: dict[str, tuple[str, str, str]] = {
    "Plan": ("star", "#3b3b3b", "plan 规划"),
    "Section": ("box", "#d9d9d9", "section 章节"),
    "Task": ("box", "#a8c8ec", "task 任务"),
    "Target": ("diamond", "#f2d16b", "target 目标"),
    "Office": ("dot", "#e15759", "office 科室"),
    "Collective": ("triangle", "#ff9da7", "collective owner 集体"),
    "Agency": ("square", "#b07aa1", "outside department 外部门"),
    "Industry": ("hexagon", "#59a14f", "industry 产业"),
    "Chain": ("ellipse", "#8cd17d", "chain 产业链"),
    "Enterprise": ("triangleDown", "#f28e2b", "enterprise 企业"),
    "Park": ("square", "#9c755f", "park 园区"),
    "Region": ("triangle", "#bab0ac", "region 地区"),
    "Document": ("box", "#f0f0f0", "cited document 文件"),
}
# role -> (colour, dashes, width, legend caption)
ROLE_STYLE: dict[str, tuple[str, bool | list[int], int, str]] = {
    "sole": ("#1f4e9c", False, 3, "sole 独立负责"),
    "each": ("#2ca02c", [8, 4], 2, "each 分别负责"),
    "lead": ("#d62728", False, 5, "lead 牵头"),
    "support": ("#ff7f0e", [2, 4], 2, "support 配合"),
    "collective": ("#7f7f7f", [12, 6], 2, "collective 集体负责"),
}
OTHER_EDGE_COLOUR = "#b5b5b5"
TASK_LABEL_CHARS = 14

# Which labels each kind of view shows; the plan view shows everything the plan holds.
VIEW_LABELS: dict[str, frozenset[str] | None] = {
    "industry": frozenset(
        {"Industry", "Chain", "Task", "Office", "Collective", "Agency", "Enterprise"}
    ),
    "chain": frozenset(
        {"Industry", "Chain", "Task", "Office", "Collective", "Agency", "Enterprise"}
    ),
    "office": frozenset({"Office", "Collective", "Task", "Industry", "Chain", "Agency"}),
    "plan": None,
}

VIEW_WORDS = {
    "Plan": "计划视图 plan view",
    "Industry": "产业视图 industry view",
    "Chain": "产业链视图 chain view",
    "Office": "科室视图 office view",
}
# The whole-plan view starts without these (one node each per target, park, county): the
# responsibility picture first; the toggles bring them back.
PLAN_VIEW_HIDDEN = frozenset({"Target", "Park", "Region"})

VIEW_OPTIONS: dict[str, Any] = {
    "physics": {
        "enabled": True,
        "solver": "forceAtlas2Based",
        # Room between nodes so their labels do not sit on each other at the default zoom.
        "forceAtlas2Based": {
            "gravitationalConstant": -90,
            "springLength": 140,
            "avoidOverlap": 0.8,
        },
        "stabilization": {"enabled": True, "iterations": 400, "fit": True},
    },
    "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False},
    # A fixed seed: the same graph gets the same picture on every load.
    "layout": {"randomSeed": 7, "improvedLayout": True},
    "edges": {
        "smooth": {"type": "continuous"},
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
    },
    "nodes": {
        "font": {
            "size": 14,
            "face": "WenQuanYi Micro Hei, Noto Sans CJK SC, Microsoft YaHei, sans-serif",
        }
    },
}


def offline_text(text: str) -> str:
    """Script or style text with every ``://`` written ``:\\/\\/`` (the same string to JS/CSS)."""
    return text.replace("://", ":\\/\\/")


@lru_cache(maxsize=1)
def vis_assets() -> tuple[str, str]:
    """The vis-network JS and CSS shipped inside the pyvis package, made offline-safe."""
    lib = files("pyvis").joinpath("templates", "lib", VIS_VERSION)
    return (
        offline_text(lib.joinpath("vis-network.min.js").read_text("utf-8")),
        offline_text(lib.joinpath("vis-network.css").read_text("utf-8")),
    )


@lru_cache(maxsize=1)
def page_template() -> Template:
    return Template(files("plankg.outputs").joinpath("assets", "view.html").read_text("utf-8"))


def script_json(value: Any) -> str:
    """JSON safe inside a <script> element and free of ``://``."""
    text = json.dumps(value, ensure_ascii=False).replace("</", "<\\/")
    return offline_text(text)


def node_title(data: dict[str, Any]) -> str:
    """Hover text: the full Chinese name, the English name, and for a task its text."""
    label = data["label"]
    lines = [display_name(data)]
    if data.get("name_en"):
        lines.append(data["name_en"])
    lines.append(f"[{LABEL_STYLE.get(label, ('', '', label))[2]}]")
    if label == "Task" and data.get("text"):
        lines.append(data["text"])
    if label == "Target" and data.get("evidence"):
        lines.append(data["evidence"])
    return "\n".join(lines)


def node_label(data: dict[str, Any]) -> str:
    name = display_name(data)
    if data["label"] in ("Task", "Section", "Target", "Document", "Plan"):
        return name if len(name) <= TASK_LABEL_CHARS else name[:TASK_LABEL_CHARS] + "…"
    return name


def edge_style(data: dict[str, Any]) -> dict[str, Any]:
    """Colour, dashes and width by role for RESPONSIBLE_FOR; thin grey for everything else."""
    role = data.get("role") if data["type"] == "RESPONSIBLE_FOR" else None
    if role in ROLE_STYLE:
        colour, dashes, width, _ = ROLE_STYLE[role]
        return {"color": colour, "dashes": dashes, "width": width}
    return {"color": OTHER_EDGE_COLOUR, "dashes": False, "width": 1}


def edge_title(data: dict[str, Any], source: str, target: str) -> str:
    kind = (
        data["type"]
        + (f" · {data['role']}" if data.get("role") else "")
        + (f" · {data['relation']}" if data.get("relation") else "")
    )
    lines = [kind, f"{source} → {target}"]
    if data.get("evidence"):
        lines.append(f"「{data['evidence']}」 [{data.get('ev_start')}–{data.get('ev_end')}]")
    return "\n".join(lines)


def legend_html(graph: nx.MultiDiGraph) -> str:
    """Swatches for the labels and roles present in the graph."""
    labels = sorted({d["label"] for _, d in graph.nodes(data=True)}, key=list(LABEL_STYLE).index)
    roles = sorted(
        {
            d.get("role")
            for _, _, d in graph.edges(data=True)
            if d["type"] == "RESPONSIBLE_FOR" and d.get("role") in ROLE_STYLE
        },
        key=list(ROLE_STYLE).index,
    )
    parts = ["<h2>节点 Nodes</h2>"]
    for label in labels:
        shape, colour, caption = LABEL_STYLE[label]
        radius = "50%" if shape in ("dot", "ellipse") else "2px"
        parts.append(
            f'<div class="row"><span class="swatch" style="background:{colour};'
            f'border-radius:{radius}"></span>{html.escape(caption)}</div>'
        )
    if roles:
        parts.append("<h2>责任 Roles</h2>")
    for role in roles:
        colour, dashes, _, caption = ROLE_STYLE[role]
        style = "dashed" if dashes else "solid"
        parts.append(
            f'<div class="row"><span class="line" style="border-top:3px {style} '
            f'{colour}"></span>{html.escape(caption)}</div>'
        )
    return "\n".join(parts)


def pyvis_network(graph: nx.MultiDiGraph, hidden: frozenset[str] = frozenset()) -> Any:
    """A pyvis Network of the graph, styled by label and role; nodes of the ``hidden`` kinds
    start hidden (the page's toggles show them)."""
    from pyvis.network import Network  # pyvis imports IPython: only load it when drawing

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    names = {key: display_name(data) for key, data in graph.nodes(data=True)}
    for key, data in sorted(graph.nodes(data=True)):
        shape, colour, _ = LABEL_STYLE.get(data["label"], ("dot", "#cccccc", data["label"]))
        net.add_node(
            key,
            label=node_label(data),
            title=node_title(data),
            shape=shape,
            color=colour,
            kind=data["label"],
            hidden=data["label"] in hidden,
        )
    for source, target, data in graph.edges(data=True):
        net.add_edge(
            source, target, title=edge_title(data, names[source], names[target]), **edge_style(data)
        )
    net.options = VIEW_OPTIONS
    return net


def kind_toggles(graph: nx.MultiDiGraph, hidden: frozenset[str]) -> str:
    """A checkbox per kind of node the graph holds, checked unless the kind starts hidden."""
    kinds = sorted({d["label"] for _, d in graph.nodes(data=True)}, key=_kind_order)
    boxes = []
    for kind in kinds:
        caption = LABEL_STYLE.get(kind, ("", "", kind))[2]
        checked = "" if kind in hidden else " checked"
        boxes.append(
            f'<label><input type="checkbox" data-kind="{html.escape(kind)}"{checked}> '
            f"{html.escape(caption)}</label>"
        )
    return "\n".join(boxes)


def _kind_order(kind: str) -> tuple[int, str]:
    order = list(LABEL_STYLE)
    return (order.index(kind) if kind in order else len(order), kind)


def page_html(graph: nx.MultiDiGraph, heading: str, hidden: frozenset[str] = frozenset()) -> str:
    """The whole offline HTML page for a graph."""
    net = pyvis_network(graph, hidden)
    nodes, edges, _, _, _, options = net.get_network_data()
    vis_js, vis_css = vis_assets()
    return page_template().substitute(
        title=html.escape(heading),
        heading=html.escape(heading),
        legend=legend_html(graph),
        toggles=kind_toggles(graph, hidden),
        vis_js=vis_js,
        vis_css=vis_css,
        nodes=script_json(nodes),
        edges=script_json(edges),
        options=offline_text(options),
    )


def resolve_view_ref(store: GraphStore, kind: str, ref: str) -> tuple[str, str, str]:
    """(label, id, heading name) of what a view is about; names resolve in Chinese, English,
    alias or pinyin like everywhere else. A chain or industry view takes either concept: planners
    say "the Nonferrous chain" of an industry as often as of a chain."""
    if kind == "plan":
        plan = resolve_plan(store, ref)
        return "Plan", plan.plan_id, plan.title or plan.plan_id
    if kind in ("industry", "chain"):
        concept = resolve_concept(store, ref)
        return concept.label, concept.id, concept.display
    office = resolve_office(store, ref)
    return "Office", office.id, office.display


def view_graph(
    store: GraphStore, kind: str, ref: str, plan: str | None = None
) -> tuple[nx.MultiDiGraph, str]:
    """The subgraph a view draws and its heading; ``plan`` (id, document number or title) keeps
    one plan's part of it."""
    if kind not in VIEW_KINDS:
        raise InputError(f"unknown view {kind!r}; expected one of {', '.join(VIEW_KINDS)}")
    label, entity_id, name = resolve_view_ref(store, kind, ref)
    graph = to_networkx(store, plan_id=plan_id_of(store, plan), around=(label, entity_id))
    shown = VIEW_LABELS[kind]
    if shown is not None:
        graph = graph.subgraph(k for k, d in graph.nodes(data=True) if d["label"] in shown).copy()
    # Named after what it shows: an industry asked for as a "chain" gets an industry view.
    return graph, f"{name} · {VIEW_WORDS[label]} · {graph.number_of_nodes()} 个节点"


def render_view(store: GraphStore, kind: str, ref: str, *, plan: str | None = None) -> str:
    """The offline HTML page of a chain, industry, office or plan view."""
    graph, heading = view_graph(store, kind, ref, plan)
    return page_html(graph, heading, hidden_kinds(kind))


def hidden_kinds(kind: str) -> frozenset[str]:
    """The node kinds a view of this kind starts without."""
    return PLAN_VIEW_HIDDEN if kind == "plan" else frozenset()


def write_view(
    store: GraphStore, kind: str, ref: str, path: Path | str, *, plan: str | None = None
) -> Path:
    target = Path(path)
    target.write_text(render_view(store, kind, ref, plan=plan), "utf-8")
    return target


def iframe(page: str, height: int = 600) -> str:
    """The page inside an iframe, for notebooks: its scripts then run apart from the notebook's."""
    return (
        f'<iframe srcdoc="{html.escape(page, quote=True)}" width="100%" height="{height}" '
        'style="border:1px solid #ddd"></iframe>'
    )
