"""GET /tasks pages in the database: ``task_page`` gives exactly the slice of ``list_tasks`` (same
filters, same outline order, same owners) and the same total, on both stores; a store written
before the stored sort key existed gets it on its first writable open."""

from __future__ import annotations

import ladybug

from plankg.analysis import answers
from plankg.codes import code_key, code_sort_key
from plankg.store import EmbeddedStore, load_plan
from plankg.store.queries import run_query


def _filters(store) -> list[dict]:
    """Every kind of filter, with values read from the store itself."""
    offices = [o["office_id"] for o in run_query(store, "offices", plan_id=None)][:3]
    concepts = {
        r["concept_id"] for r in run_query(store, "concern_edges", plan_id=None, task_id=None)
    }
    concepts |= {
        r["industry_id"]
        for r in run_query(store, "concern_edges", plan_id=None, task_id=None)
        if r["industry_id"]
    }
    years = sorted(
        {
            t["year"]
            for t in run_query(
                store, "targets", year=None, office_id=None, industry_id=None, plan_id=None
            )
            if t["year"]
        }
    )
    out: list[dict] = [{}]
    out += [{"office": o} for o in offices]
    out += [{"office": offices[0], "role": r} for r in ("sole", "lead", "support")]
    out += [{"role": r} for r in ("sole", "each", "lead", "support", "collective")]
    out += [{"industry": c} for c in sorted(concepts)[:4]]
    out += [{"chain": c} for c in sorted(concepts)[:2]]
    out += [{"year": y} for y in years[:3]]
    return out


def test_code_sort_key_sorts_as_code_key():
    codes = ["4.10", "4.2", "4.1.1", "10", "2", "A1.3", "1", "1.1", "", "3.2.10", "3.2.9"]
    assert sorted(codes, key=code_sort_key) == sorted(codes, key=code_key)


def test_task_page_is_the_slice_of_the_full_list(sample_any_store):
    store = sample_any_store
    for filters in _filters(store):
        full = answers.list_tasks(store, **filters)
        for limit, offset in (
            (50, 0),
            (7, 0),
            (7, 7),
            (5, 21),
            (10, len(full)),
            (3, len(full) + 4),
        ):
            page = answers.task_page(store, limit=limit, offset=offset, **filters)
            assert page.total == len(full), filters
            assert page.items == full[offset : offset + limit], (filters, limit, offset)
    assert any(answers.task_page(store, limit=50, **f).total for f in _filters(store)[1:])


def test_an_older_store_gets_the_sort_key(tmp_path, sample_plan):
    path = tmp_path / "old.lbdb"
    with EmbeddedStore(path) as store:
        load_plan(store, sample_plan)
        expected = answers.task_page(store, limit=100)
    # The store as an earlier version wrote it: no sort_key column on Task.
    database = ladybug.Database(str(path))
    ladybug.Connection(database).execute("ALTER TABLE Task DROP sort_key")
    database.close()
    with EmbeddedStore(path) as store:
        store.ensure_schema()
        assert run_query(store, "tasks_count", plan_id=None)[0]["total"] == expected.total > 0
        assert answers.task_page(store, limit=100) == expected
        keys = store.run_read("MATCH (t:Task) RETURN t.code AS code, t.sort_key AS key")
        assert keys and all(r["key"] == code_sort_key(r["code"]) for r in keys)
