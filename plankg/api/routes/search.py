"""Search across every named thing and task."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query

from plankg.analysis import answers
from plankg.api.deps import PageDep, StoreDep
from plankg.api.responses import api_router
from plankg.api.routes._doc import doc, page_example, paginate
from plankg.api.schemas import Page, SearchHitPublic

router = api_router(tags=["search"])


@router.get(
    "/search",
    response_model=Page[SearchHitPublic],
    **doc(
        "Search",
        "Typed hits across offices, collective owners, outside departments, industries, "
        "chains, enterprises, parks, regions and tasks, by Chinese, English, alias, pinyin or a "
        "near spelling; best first.",
        page_example(
            {
                "id": "nonferrous",
                "label": "Industry",
                "name_zh": "有色金属产业",
                "name_en": "Nonferrous metals",
                "score": 100.0,
                "matched": "exact",
            }
        ),
    ),
)
def search(
    store: StoreDep,
    page: PageDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="What to look for.")],
) -> dict[str, Any]:
    answer = paginate(answers.search(store, q), page.limit, page.offset)
    # Only the page is turned into dicts: a code such as 1.2 hits hundreds of tasks.
    answer["items"] = [h.as_dict() for h in answer["items"]]
    return answer
