"""Real input files made at test time: the sample plan in other formats, encodings and script,
and bad files of every kind a user brings."""

from __future__ import annotations

import glob
import re
import shutil
import subprocess
from pathlib import Path

from plankg.ingest import sample_path


def sample_lines() -> list[str]:
    text = sample_path().read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def write_docx(path: Path, lines: list[str]) -> Path:
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(path)
    return path


def write_html(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    body = "\n".join(f"<p>{line}</p>" for line in lines)
    charset = "gb2312" if encoding == "gb18030" else encoding
    page = (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>通知</title></head>'
        f"<body><nav><a href='/'>首页</a> &gt; 政务公开</nav>"
        f"<div class='content'><article>{body}</article></div>"
        f"<footer>主办单位：网站管理中心</footer></body></html>"
    )
    path.write_bytes(page.encode(encoding))
    return path


def cjk_font() -> str | None:
    if shutil.which("fc-list"):
        listed = subprocess.run(
            ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, check=False
        ).stdout
        files = sorted(
            line.split(":")[0].strip()
            for line in listed.splitlines()
            if line.split(":")[0].strip().lower().endswith((".ttf", ".ttc", ".otf"))
        )
        if files:
            return files[0]
    found = glob.glob("/usr/share/fonts/**/wqy*.tt[fc]", recursive=True)
    return found[0] if found else None


def write_pdf(path: Path, lines: list[str], font: str) -> Path:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    pdf = FPDF(format="A4")
    pdf.add_font("cjk", fname=font)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    pdf.set_font("cjk", size=12)
    for line in lines:
        for piece in _wrap(pdf, line):
            pdf.cell(0, 7, piece, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(4)
    pdf.output(str(path))
    return path


def _wrap(pdf, text: str) -> list[str]:
    """Break at any Chinese character but never inside a Latin word or a number, as word
    processors do."""
    pieces, current = [], ""
    for token in re.findall(r"[A-Za-z0-9.%+\-]+|.", text):
        if current and pdf.get_string_width(current + token) > pdf.epw:
            pieces.append(current)
            current = token.lstrip()
        else:
            current += token
    return [*pieces, current] if current else pieces


def write_image_only_pdf(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(200, 30, 30)
    pdf.rect(20, 20, 170, 250, style="F")
    pdf.output(str(path))
    return path


def to_traditional(text: str) -> str:
    import opencc

    return opencc.OpenCC("s2t").convert(text)


_CN_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1..99 as 公文 chapter numerals (十一, 二十, 九十九)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CN_DIGITS[tens] + "十")
    return head + (_CN_DIGITS[ones] if ones else "")


_PROSE = (
    "坚持问题导向和目标导向，统筹推进重点工作，完善工作机制，强化要素保障，"
    "加强部门协同和上下联动，及时研究解决推进过程中遇到的困难和问题，"
    "确保各项措施落地见效，形成可复制可推广的经验做法。"
)


def write_large_plan(path: Path, target_bytes: int) -> Path:
    """A plan-like text of about ``target_bytes``, written as a stream: a header, then chapters
    (一、) of sections (（一）) of numbered tasks of ordinary length (prose, a target, a
    responsibility clause). Every number stays below 100, as in real plans."""
    offices = ["综合科", "规划科", "科技科", "产业科", "运行科", "节能科"]
    task_bytes = len(_task_text(1, 1, offices).encode("utf-8"))
    tasks_wanted = max(1, target_bytes // task_bytes)
    per_section = min(99, tasks_wanted)
    sections = -(-tasks_wanted // per_section)
    per_chapter = min(99, sections)
    with path.open("w", encoding="utf-8") as out:
        out.write("某市工业和信息化局文件\n\n某工信发〔2024〕1号\n\n某市工业和信息化局工作方案\n\n")
        for index in range(sections):
            chapter, section = divmod(index, per_chapter)
            if section == 0:
                out.write(f"{chinese_number(chapter + 1)}、重点任务第{chapter + 1}部分\n\n")
            out.write(f"（{chinese_number(section + 1)}）第{section + 1}项重点工作\n\n")
            for task in range(1, per_section + 1):
                out.write(_task_text(chapter + 1, task, offices))
    return path


def _task_text(chapter: int, task: int, offices: list[str]) -> str:
    return (
        f"{task}.推进第{chapter}-{task}项技术改造。{_PROSE}{_PROSE}到2025年，力争新增规上企业"
        f"{task % 90 + 10}家，营业收入达到{task % 500 + 100}亿元。"
        f"（{offices[task % len(offices)]}负责）\n\n"
    )
