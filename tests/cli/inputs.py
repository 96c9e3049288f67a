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
    page = (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>通知</title></head>'
            f"<body><nav><a href='/'>首页</a> &gt; 政务公开</nav>"
            f"<div class='content'><article>{body}</article></div>"
            f"<footer>主办单位：网站管理中心</footer></body></html>")
    path.write_bytes(page.encode(encoding))
    return path


def cjk_font() -> str | None:
    if shutil.which("fc-list"):
        listed = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True,
                                text=True, check=False).stdout
        files = sorted(line.split(":")[0].strip() for line in listed.splitlines()
                       if line.split(":")[0].strip().lower().endswith((".ttf", ".ttc", ".otf")))
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
    return pieces + [current] if current else pieces


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
