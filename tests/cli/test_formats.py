"""Format parity: the sample as .docx, .pdf, .html, GB18030, UTF-8 with BOM and UTF-16 loads
into the same graph as the .txt; a traditional-Chinese copy gives the same ledger."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from plankg.ingest import ingest_path, sample_path
from tests.cli.conftest import content_of, export_of, invoke
from tests.cli.inputs import (
    cjk_font,
    sample_lines,
    to_traditional,
    write_docx,
    write_html,
    write_pdf,
)


def _lines() -> list[str]:
    # Markdown bold markers are a .txt artefact; a word processor has real bold instead.
    return [line.replace("**", "") for line in sample_lines()]


def make_docx(directory: Path) -> Path:
    pytest.importorskip("docx")
    return write_docx(directory / "plan.docx", _lines())


def make_pdf(directory: Path) -> Path:
    pytest.importorskip("fpdf")
    font = cjk_font()
    if font is None:
        pytest.skip("no CJK font installed (scripts/setup.sh installs fonts-wqy-microhei)")
    return write_pdf(directory / "plan.pdf", _lines(), font)


def make_html(directory: Path) -> Path:
    return write_html(directory / "plan.html", _lines(), encoding="gb18030")


def encoded(encoding: str) -> Callable[[Path], Path]:
    def make(directory: Path) -> Path:
        path = directory / f"plan-{encoding}.txt"
        path.write_bytes(sample_path().read_text(encoding="utf-8").encode(encoding))
        return path

    return make


VARIANTS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "docx": (make_docx, "docx"),
    "pdf": (make_pdf, "pdf"),
    "html-gb2312": (make_html, "html"),
    "gb18030": (encoded("gb18030"), "txt"),
    "utf-8-bom": (encoded("utf-8-sig"), "txt"),
    "utf-16": (encoded("utf-16"), "txt"),
}


@pytest.fixture(scope="module")
def txt_export(tmp_path_factory) -> dict:
    db = tmp_path_factory.mktemp("txt") / "graph.lbdb"
    assert invoke("ingest", "--db", db, sample_path()).exit_code == 0
    return export_of(db)


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_every_format_loads_the_same_graph(tmp_path, txt_export, variant):
    make, source_format = VARIANTS[variant]
    path = make(tmp_path)
    db = tmp_path / "graph.lbdb"
    result = invoke("ingest", "--db", db, path)
    assert result.exit_code == 0, result.output
    export = export_of(db)

    plan = next(n for n in export["nodes"] if n["label"] == "Plan")["properties"]
    assert plan["source_name"] == path.name
    assert plan["source_format"] == source_format
    # sha256 is of the clean text, so it is equal too: the same plan whatever the container.
    txt_plan = next(n for n in txt_export["nodes"] if n["label"] == "Plan")["properties"]
    assert plan["sha256"] == txt_plan["sha256"]
    assert content_of(export) == content_of(txt_export)


@pytest.fixture(scope="module")
def traditional(tmp_path_factory):
    path = tmp_path_factory.mktemp("trad") / "plan-traditional.txt"
    path.write_text(to_traditional(sample_path().read_text(encoding="utf-8")), encoding="utf-8")
    return ingest_path(path)


def ledger(plan) -> list:
    return [
        (
            t.code,
            [(o.name, o.role) for o in t.owners],
            [(x.metric, x.value, x.unit, x.kind, x.year) for x in t.targets],
        )
        for t in plan.tasks
    ]


def test_traditional_copy_gives_the_same_tasks_owners_roles_and_targets(traditional, sample_plan):
    assert traditional.id == sample_plan.id  # so a traditional copy replaces, not duplicates
    assert ledger(traditional) == ledger(sample_plan)
    assert [o.name for o in traditional.offices] == [o.name for o in sample_plan.offices]


def test_traditional_evidence_is_in_traditional_characters(traditional, sample_plan):
    owner = traditional.tasks[0].owners[0].evidence
    target = traditional.tasks[0].targets[0].evidence
    assert owner.phrase == "（科技科負責）"
    assert "省級" in target.phrase and "研發中心" in target.phrase
    assert traditional.text[owner.start : owner.end] == owner.phrase
    simplified = sample_plan.tasks[0].owners[0].evidence
    assert (owner.start, owner.end) == (simplified.start, simplified.end)


def test_traditional_copy_replaces_the_simplified_plan_in_one_store(tmp_path, sample_db):
    path = tmp_path / "plan-traditional.txt"
    path.write_text(to_traditional(sample_path().read_text(encoding="utf-8")), encoding="utf-8")
    result = invoke("ingest", "--db", sample_db, path)
    assert result.exit_code == 0, result.output
    assert re.search(r"替换了旧版本\s*│\s*是", result.output)
    assert "与旧版本相比：任务和责任单位没有变化" in result.output
    offices = [n for n in export_of(sample_db)["nodes"] if n["label"] == "Office"]
    assert len(offices) == 17  # the same offices, not a second traditional-named set
