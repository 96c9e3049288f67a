"""What makes a network page readable: the same layout on every load, a message while it settles,
a search box, toggles by node kind (targets, parks and regions start hidden on the whole-plan
view), and a heading that names what is shown."""

from __future__ import annotations

import json
import re

from plankg.outputs import render_view, view_graph

PLAN_ID = "聊工信发-2023-48"


def page_nodes(page: str) -> list[dict]:
    return json.loads(re.search(r"new vis\.DataSet\((\[.*?\])\);\n", page).group(1))


def test_plan_view_starts_without_targets_parks_and_regions(sample_store):
    page = render_view(sample_store, "plan", PLAN_ID)
    nodes = page_nodes(page)
    hidden = {n["kind"] for n in nodes if n["hidden"]}
    shown = {n["kind"] for n in nodes if not n["hidden"]}
    assert "Target" in hidden and hidden <= {"Target", "Park", "Region"}
    assert {"Task", "Office"} <= shown
    for kind in {n["kind"] for n in nodes}:
        box = re.search(rf'<input type="checkbox" data-kind="{kind}"( checked)?>', page)
        assert box, kind
        assert bool(box.group(1)) == (kind in shown)


def test_other_views_show_every_kind(sample_store):
    nodes = page_nodes(render_view(sample_store, "office", "科技科"))
    assert nodes and not any(n["hidden"] for n in nodes)


def test_layout_is_seeded_and_a_message_shows_while_it_settles(sample_store):
    page = render_view(sample_store, "chain", "铝加工")
    assert re.search(r'"randomSeed":\s*7', page)
    assert 'id="settling"' in page and 'body[data-stabilized="true"] #settling' in page
    assert 'id="find"' in page


def test_heading_names_the_kind_of_what_is_shown(sample_store):
    _, industry = view_graph(sample_store, "chain", "Nonferrous")  # an industry, asked as a chain
    _, chain = view_graph(sample_store, "chain", "铝加工")
    assert "产业视图" in industry and "产业链视图" not in industry
    assert "产业链视图" in chain
