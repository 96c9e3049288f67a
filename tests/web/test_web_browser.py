"""The web front in a real browser: Playwright drives Debian's Chromium (never a downloaded
build) against a uvicorn serving the whole app over a real embedded store. Every page is visited
and scanned with axe-core; a screenshot of each lands in ``artifacts/web-screenshots/`` with the
axe results beside them. Any request to a host other than the server fails the test."""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import uvicorn

from plankg.api.app import create_app
from plankg.ingest import ingest_path, sample_path
from plankg.settings import Settings
from plankg.store import EmbeddedStore, load_plan

playwright_api = pytest.importorskip("playwright.sync_api")
axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "web-screenshots"
API_KEY = "browser-test-key"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]

pytestmark = pytest.mark.browser
if CHROMIUM is None:
    if os.environ.get("PLANKG_REQUIRE_BROWSER") == "1":
        raise RuntimeError("PLANKG_REQUIRE_BROWSER=1 but no chromium on PATH")
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)

# A short plan in the genre, written for this test: two offices, one shared task, one led task.
UPLOAD_PLAN = """某县科学技术局关于印发《某县科技创新示范行动方案》的通知
某科发〔2030〕7号
某县科技创新示范行动方案
一、重点任务
（一）培育创新主体。到2031年，新增高新技术企业10家。（成果转化股、创新发展股分别负责）
（二）建设创新平台。推动建设县级重点实验室。（创新发展股牵头，成果转化股配合）
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    store = EmbeddedStore(tmp_path_factory.mktemp("web") / "web.lbdb")
    store.ensure_schema()
    load_plan(store, ingest_path(sample_path()))
    settings = Settings(db=Path("unused.lbdb"), api_key=API_KEY)
    app = create_app(settings, store=store)
    port = free_port()
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not uv.started and time.time() < deadline:
        time.sleep(0.05)
    assert uv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(10)
    store.close()


@pytest.fixture(scope="module")
def chromium_browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def axe_log() -> Iterator[dict[str, list[dict[str, object]]]]:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    log: dict[str, list[dict[str, object]]] = {}
    yield log
    (SCREENSHOTS / "axe-results.json").write_text(
        json.dumps(log, ensure_ascii=False, indent=2), encoding="utf-8"
    )


@pytest.fixture
def tab(chromium_browser, server) -> Iterator[object]:
    """A page whose every request outside the server is refused and remembered."""
    own = urlsplit(server).netloc
    foreign: list[str] = []
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")

    def guard(route) -> None:
        url = route.request.url
        scheme, netloc = urlsplit(url)[:2]
        if scheme in ("data", "blob", "about") or netloc == own:
            route.continue_()
        else:
            foreign.append(url)
            route.abort()

    context.route("**/*", guard)
    tab = context.new_page()
    yield tab
    context.close()
    assert foreign == [], f"requests to other hosts: {foreign}"


def look(page, axe_log, name: str) -> None:
    """Screenshot the page and scan it with axe-core: no serious or critical violation."""
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    results = axe_module.Axe().run(page)
    violations = results.response["violations"]
    axe_log[name] = [
        {"id": v["id"], "impact": v["impact"], "nodes": len(v["nodes"]), "help": v["help"]}
        for v in violations
    ]
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, f"{name}: " + "; ".join(
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}" for v in serious
    )


def test_home_reaches_chain_offices_matrix_and_gaps_in_few_clicks(tab, server, axe_log):
    tab.goto(server + "/")
    assert tab.locator("html").get_attribute("lang") == "zh-CN"
    assert tab.locator(".plan-card h2").count() == 1
    look(tab, axe_log, "01-home")
    # One click: the offices sharing the Nonferrous industry, with connecting tasks and evidence.
    tab.get_by_role("link", name="有色金属产业", exact=True).first.click()
    assert "哪些科室共同负责有色金属产业" in tab.locator("h1").inner_text()
    assert tab.locator("section.sharing").count() >= 2
    assert tab.locator("section.sharing mark").count() >= 2
    look(tab, axe_log, "05-industry-nonferrous")
    tab.goto(server + "/")
    tab.locator("nav").get_by_role("link", name="责任矩阵").click()
    assert tab.locator("table.matrix tbody tr").count() > 0
    tab.goto(server + "/")
    tab.locator("nav").get_by_role("link", name="协调缺口").click()
    assert tab.locator("article.gap").count() > 0


def test_plan_page_shows_the_outline_with_owners(tab, server, axe_log):
    tab.goto(server + "/")
    tab.locator(".plan-card h2 a").click()
    tasks = tab.locator("article.task")
    assert tasks.count() > 0
    assert tab.locator("article.task .role").count() > 0
    assert tab.locator("article.task .targets li").count() > 0
    assert tab.locator("#unparsed-h").is_visible()
    look(tab, axe_log, "02-plan")


def test_matrix_filter_by_role(tab, server, axe_log):
    tab.goto(server + "/ui/matrix")
    every = tab.locator("table.matrix tbody tr").count()
    look(tab, axe_log, "03-matrix")
    tab.select_option("select[name=role]", "sole")
    tab.get_by_role("button", name="筛选").click()
    tab.wait_for_url("**/ui/matrix?*role=sole*")
    rows = tab.locator("table.matrix tbody tr")
    assert 0 < rows.count() < every
    for i in range(rows.count()):
        assert rows.nth(i).locator("td.role-sole").count() >= 1
    totals = tab.locator("table.matrix tfoot td strong").all_inner_texts()
    assert (
        sum(int(t) for t in totals) == tab.locator("table.matrix td.cell[class*='role-']").count()
    )
    look(tab, axe_log, "03-matrix-filtered")


def test_search_box_suggests_by_pinyin(tab, server, axe_log):
    tab.goto(server + "/")
    tab.locator("#q").press_sequentially("youse", delay=40)
    first = tab.locator("#suggestions [role=option]").first
    first.wait_for()
    assert "有色金属产业" in first.inner_text()
    tab.screenshot(path=str(SCREENSHOTS / "09-search-suggestions.png"))
    tab.locator("#q").press("ArrowDown")
    tab.locator("#q").press("Enter")
    tab.wait_for_url("**/ui/industries/**")
    assert "有色金属产业" in tab.locator("h1").inner_text()
    tab.goto(server + "/ui/search?q=jigaiban")
    assert tab.locator("table.list tbody tr").count() >= 1
    look(tab, axe_log, "09-search-results")


def test_gap_evidence_link_lands_on_the_phrase(tab, server, axe_log):
    tab.goto(server + "/ui/gaps")
    look(tab, axe_log, "04-gaps")
    gap = tab.locator("article.gap").filter(has=tab.locator("a.ev-link")).first
    phrase = gap.locator(".evidence mark").first.inner_text()
    gap.locator("a.ev-link").first.click()
    tab.wait_for_url("**/ui/plans/**#ev")
    mark = tab.locator("mark#ev")
    assert mark.is_visible()
    assert mark.inner_text() == phrase
    look(tab, axe_log, "04-gaps-evidence-in-plan")
    tab.goto(server + "/ui/gaps?severity=high")
    assert all("高" in s for s in tab.locator("article.gap .severity").all_inner_texts())


def test_office_chain_pages_embed_the_network(tab, server, axe_log):
    tab.goto(server + "/")
    tab.locator("table.list").last.locator("a").first.click()
    assert tab.locator("iframe.network").count() == 1
    look(tab, axe_log, "06-office")
    tab.goto(server + "/")
    tab.locator("table.list").nth(1).locator("a").first.click()
    assert "哪些科室共同负责" in tab.locator("h1").inner_text()
    look(tab, axe_log, "07-chain")
    frame = tab.frame_locator("iframe.network")
    frame.locator("canvas").first.wait_for(timeout=30_000)


def test_upload_with_key_shows_the_ingest_report(tab, server, axe_log, tmp_path):
    plan = tmp_path / "county_plan.txt"
    plan.write_text(UPLOAD_PLAN, encoding="utf-8")
    tab.goto(server + "/ui/upload")
    look(tab, axe_log, "10-upload")
    tab.set_input_files("#file", str(plan))
    tab.fill("#api_key", "wrong-key")
    tab.get_by_role("button", name="上传并导入").click()
    assert tab.locator("#upload-problem").is_visible()
    tab.set_input_files("#file", str(plan))
    tab.fill("#api_key", API_KEY)
    tab.get_by_role("button", name="上传并导入").click()
    report = tab.locator("#ingest-report")
    report.wait_for()
    assert "科技创新示范行动方案" in report.inner_text()
    look(tab, axe_log, "10-upload-report")
    tab.goto(server + "/")
    assert tab.locator(".plan-card").count() == 2


def test_downloads_and_english(tab, server, axe_log):
    tab.goto(server + "/ui/downloads")
    look(tab, axe_log, "08-downloads")
    with tab.expect_download() as got:
        tab.locator("a[href='/ui/downloads/xlsx']").click()
    assert got.value.suggested_filename.endswith(".xlsx")
    tab.get_by_role("link", name="切换到英文").click()
    assert tab.locator("html").get_attribute("lang") == "en"
    tab.goto(server + "/ui/gaps")
    assert tab.locator("h1").inner_text() == "Coordination gaps"
    look(tab, axe_log, "11-gaps-english")


def test_docs_and_redoc_offline(tab, server, axe_log):
    tab.goto(server + "/docs")
    tab.locator(".swagger-ui .info").wait_for(timeout=30_000)
    tab.screenshot(path=str(SCREENSHOTS / "12-docs.png"))
    tab.goto(server + "/redoc")
    tab.locator("redoc [role=search], .api-content").first.wait_for(timeout=30_000)
    tab.screenshot(path=str(SCREENSHOTS / "13-redoc.png"))
