"""The web pages over a real embedded store, without a browser: language, filters, error pages,
evidence in context, nothing loaded from another host, uploads guarded by the key."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from plankg.analysis.outline import evidence_context
from plankg.api import create_app
from plankg.settings import Settings
from plankg.store import EmbeddedStore

PAGES = [
    "/",
    "/ui/matrix",
    "/ui/gaps",
    "/ui/plans/聊工信发-2023-48",
    "/ui/industries/nonferrous",
    "/ui/chains/aluminum",
    "/ui/offices/技改办",
    "/ui/downloads",
    "/ui/upload",
    "/ui/search?q=youse",
    "/docs",
    "/redoc",
]


@pytest.fixture(scope="module")
def web(sample_store) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), sample_store), raise_server_exceptions=False) as c:
        yield c


@pytest.mark.parametrize("path", PAGES)
def test_page_answers_and_loads_nothing_from_elsewhere(web, path):
    page = web.get(path)
    assert page.status_code == 200, page.text[:300]
    assert page.headers["content-type"].startswith("text/html")
    for url in re.findall(r'(?:src|href)="([^"]+)"', page.text):
        assert not re.match(r"(?:https?:)?//", url), f"{path} loads {url}"


def test_pages_are_chinese_by_default_and_english_on_request(web):
    web.cookies.clear()
    zh = web.get("/ui/gaps")
    assert '<html lang="zh-CN">' in zh.text and "<h1>协调缺口</h1>" in zh.text
    assert "多家分别负责、无牵头" in zh.text
    en = web.get("/ui/gaps?lang=en")
    assert '<html lang="en">' in en.text and "<h1>Coordination gaps</h1>" in en.text
    # The choice is remembered for the next page.
    assert '<html lang="en">' in web.get("/").text
    web.cookies.clear()


def test_matrix_filters_narrow_the_rows(web):
    web.cookies.clear()
    every = web.get("/ui/matrix").text.count('<tr data-task="')
    nonferrous = web.get("/ui/matrix?industry=有色").text
    assert 0 < nonferrous.count('<tr data-task="') < every
    sole = web.get("/ui/matrix?role=sole").text
    assert 0 < sole.count('<tr data-task="') < every
    assert web.get("/ui/matrix?role=boss").status_code == 422


def test_section_filter_keeps_only_tasks_under_the_section(web):
    page = web.get("/ui/matrix?section=4").text
    codes = re.findall(r'<tr data-task="([^"]+)"', page)
    assert codes and all(c.startswith("4.") for c in codes)


def test_gap_evidence_sits_inside_the_plan_text(web):
    page = web.get("/ui/gaps?type=shared_without_lead").text
    assert page.count('<article class="gap') >= 1
    assert "<mark>" in page and "?hl=" in page
    link = re.search(r'href="(/ui/plans/[^"]+\?hl=(\d+)-(\d+)#ev)"', page)
    assert link
    target = web.get(link.group(1).replace("&amp;", "&")).text
    assert '<mark id="ev"' in target


def test_unknown_names_get_an_error_page_with_suggestions(web):
    page = web.get("/ui/industries/youse金属")
    assert page.status_code in (404, 409)
    assert "<h1>" in page.text and "text/html" in page.headers["content-type"]
    assert web.get("/ui/offices/no-such-office-anywhere").status_code == 404


def test_suggestions_are_typed_links(web):
    fragment = web.get("/ui/suggest?q=nonferrous").text
    assert 'role="option"' in fragment and "/ui/industries/nonferrous" in fragment
    assert web.get("/ui/suggest?q=").text.strip() == ""


def test_downloads_in_every_format(web):
    for fmt, magic in (("xlsx", b"PK"), ("csv", b"PK"), ("json", b"{"), ("graphml", b"<?xml")):
        answer = web.get(f"/ui/downloads/{fmt}")
        assert answer.status_code == 200, fmt
        assert answer.content.startswith(magic), fmt
    assert web.get("/ui/downloads/doc").status_code == 422


def test_redoc_bundle_names_no_outside_host(web):
    bundle = web.get("/docs-assets/redoc.standalone.js").text
    assert "cdn.redoc.ly" not in bundle


def test_upload_needs_the_key(tmp_path: Path):
    plan = "某局行动方案\n一、重点任务\n（一）推进示范建设。（规划股负责）\n"
    with EmbeddedStore(tmp_path / "u.lbdb") as store:
        settings = Settings(api_key=SecretStr("k-123"))
        with TestClient(create_app(settings, store), raise_server_exceptions=False) as c:
            files = {"file": ("plan.txt", plan.encode("utf-8"), "text/plain")}
            refused = c.post("/ui/upload", files=files, data={"api_key": "wrong"})
            assert refused.status_code == 403 and 'id="upload-problem"' in refused.text
            loaded = c.post("/ui/upload", files=files, data={"api_key": "k-123"})
            assert loaded.status_code == 200, loaded.text[:300]
            assert 'id="ingest-report"' in loaded.text
            assert "规划股" in c.get("/").text


def test_evidence_context_reaches_back_to_the_sentence_it_closes():
    text = "第一句。推进示范项目建设，力争三年见效。（规划股负责）下一句话。"
    start = text.index("（规划股负责）")
    context = evidence_context(text, start, start + 7, "（规划股负责）")
    assert context.before == "推进示范项目建设，力争三年见效。"
    assert context.phrase == "（规划股负责）"
    assert context.after == "下一句话。"


def test_evidence_context_refuses_offsets_that_miss_the_phrase():
    context = evidence_context("完全不同的文字。", 0, 3, "规划股")
    assert (context.before, context.phrase, context.after) == ("", "规划股", "")


def test_plan_page_lists_what_the_parser_did_not_understand(web, sample_plan):
    page = web.get("/ui/plans/聊工信发-2023-48").text
    section = page[page.index('id="unparsed-h"') :]
    section = section[: section.index("</section>")]
    assert sample_plan.unparsed, "the sample has clauses the parser reports"
    for clause in sample_plan.unparsed:
        assert html.escape(clause.phrase, quote=False) in section
        assert f'href="#t-{clause.code}"' in section


def test_concept_page_lists_each_connecting_task_once_with_every_link(web, sample_store):
    from plankg.analysis import answers

    answer = answers.offices_sharing(sample_store, "nonferrous")
    page = web.get("/ui/industries/nonferrous").text
    sections = re.findall(r'<section class="sharing".*?</section>', page, flags=re.S)
    assert len(sections) == len(answer.offices)
    for office, section in zip(answer.offices, sections, strict=True):
        codes = re.findall(r'<span class="code">([^<]+)</span>', section)
        assert codes == list(dict.fromkeys(t.task_code for t in office.tasks))
        assert f"{len(codes)} 关联任务" in section
        vias = re.findall(r"关联词：([^<]+)</span>", section)
        assert sorted(vias) == sorted(t.via for t in office.tasks)
    # A task that names the industry and two of its chains is one task with three links.
    assert any(len(set(t.task_id for t in o.tasks)) < len(o.tasks) for o in answer.offices)
