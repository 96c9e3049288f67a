"""API-paged task lists: the answer behind ``GET /tasks?limit=&offset=`` timed two ways in the
same run, over the same store.

* ``paged``: what the route does, :func:`plankg.analysis.answers.task_page` (filter, order on the
  stored sort key, skip and limit in the database; the total from a count query; owners for the
  page's tasks only);
* ``whole list``: the path it replaced, every matching task through ``list_tasks`` (all tasks, all
  owner and concern edges of the store, filtered, sorted in Python) and then sliced. Its named
  queries are kept per store state, as the API keeps them, so after its first call it is timed in
  the API's steady state; its first call (nothing kept yet) is reported beside.

Each case is a filter and a page (the first page, and one in the middle of the list).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from plankg.analysis import answers
from plankg.analysis.names import resolve_concept
from plankg.bench.timing import timed
from plankg.errors import AmbiguousName, StoreError
from plankg.store.protocol import GraphStore
from plankg.store.readcache import forget

PAGE_SIZE = 50  # the API's default limit


@dataclass(frozen=True)
class PagedCase:
    name: str
    filters: dict[str, Any]


def paged_cases(store: GraphStore) -> list[PagedCase]:
    """No filter, the busiest office, the most-concerned industry and the busiest target year."""
    office = store.run_read(
        "MATCH (o:Office)-[r:RESPONSIBLE_FOR]->(:Task) RETURN o.id AS id, count(r) AS n "
        "ORDER BY n DESC, id LIMIT 1"
    )
    # The most-concerned industry whose id names it alone (an id equal to another node's name
    # is ambiguous to the API's name resolution, and the API would refuse it).
    industry = [
        row
        for row in store.run_read(
            "MATCH (:Task)-[c:CONCERNS]->(i:Industry) RETURN i.id AS id, count(c) AS n "
            "ORDER BY n DESC, id LIMIT 20"
        )
        if _names_one(store, row["id"])
    ]
    year = store.run_read(
        "MATCH (:Task)-[:HAS_TARGET]->(g:Target) WHERE g.year IS NOT NULL "
        "RETURN g.year AS year, count(g) AS n ORDER BY n DESC, year LIMIT 1"
    )
    if not office or not industry or not year:
        raise StoreError("benchmark store holds no office, industry or dated target to page")
    return [
        PagedCase("all tasks", {}),
        PagedCase("office", {"office": office[0]["id"]}),
        PagedCase("industry", {"industry": industry[0]["id"]}),
        PagedCase("year", {"year": year[0]["year"]}),
    ]


def _names_one(store: GraphStore, ref: str) -> bool:
    try:
        resolve_concept(store, ref)
    except AmbiguousName:
        return False
    return True


def _whole_list_page(store: GraphStore, filters: dict[str, Any], offset: int) -> list[Any]:
    return answers.list_tasks(store, **filters)[offset : offset + PAGE_SIZE]


def bench_paged(
    store: GraphStore, repeats: int, summary: Callable[[list[float]], dict[str, float]]
) -> dict[str, Any]:
    """Per case and page: p50/p95/p99 of both paths (``summary`` of the timings), the rows and
    the total, and the whole list's first call. The two paths must give the same page."""
    results: dict[str, Any] = {"page_size": PAGE_SIZE, "repeats": repeats, "by_case": {}}
    for case in paged_cases(store):
        total = answers.task_page(store, limit=1, **case.filters).total
        for page_name, offset in (("first page", 0), ("middle page", total // 2)):
            forget(store)
            started = time.perf_counter()
            expected = _whole_list_page(store, case.filters, offset)
            first_call_s = time.perf_counter() - started
            whole, _ = timed(partial(_whole_list_page, store, case.filters, offset), repeats)
            paged, page = timed(
                partial(answers.task_page, store, limit=PAGE_SIZE, offset=offset, **case.filters),
                repeats,
            )
            if page.items != expected:
                raise StoreError(f"paged {case.name} ({page_name}) differs from the whole list")
            results["by_case"][f"{case.name}, {page_name}"] = {
                "filters": case.filters,
                "offset": offset,
                "total": total,
                "rows": len(page.items),
                "paged": summary(paged),
                "whole_list": summary(whole),
                "whole_list_first_call_ms": round(first_call_s * 1000, 1),
            }
    forget(store)
    return results
