"""The reader: files and bytes → clean paragraphs with consistent offsets."""

from __future__ import annotations

import glob
import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from plankg.errors import (
    CorruptDocument,
    EmptyDocument,
    FileTooLarge,
    NoTextLayer,
    SourceNotFound,
    UndecodableText,
    UnsupportedFormat,
)
from plankg.ingest.read import (
    clean_text,
    continues_paragraph,
    decode_text,
    is_heading,
    normalize_line,
    read_bytes,
    read_source,
    simplified_twin,
    strip_page_artefacts,
)

SAMPLE = Path(__file__).resolve().parents[2] / "plankg/data/sample/liaocheng_miit_2023_48.txt"


@pytest.fixture(scope="module")
def sample():
    return read_source(SAMPLE)


def paragraph_texts(source) -> list[str]:
    return [p.text for p in source.paragraphs]


def assert_offsets_consistent(source) -> None:
    assert source.text == "\n".join(p.text for p in source.paragraphs)
    for p in source.paragraphs:
        assert source.text[p.start : p.end] == p.text
    assert source.sha256 == hashlib.sha256(source.text.encode("utf-8")).hexdigest()


def containing(source, phrase: str) -> list[str]:
    return [p.text for p in source.paragraphs if phrase in p.text]


# --- the sample ---------------------------------------------------------------------------------


def test_sample_paragraph_count_and_offsets(sample):
    # 10 header-block lines, the intro, 6 chapter headings, 14 section headings alone, 29 bodies
    assert len(sample.paragraphs) == 60
    assert_offsets_consistent(sample)
    assert sample.encoding == "utf-8"
    assert sample.source_format == "txt"
    assert sample.source_name == SAMPLE.name
    assert sample.match_text == "" and not sample.converted_from_traditional


@pytest.mark.parametrize(
    "phrase",
    [
        "到2025年，全市工业领域",
        "绿色化工细分产业链",
        "推动工作开展。",
        "节能监察的",
        "制造业博览会等",
        "扩大就业作用，",
        "钢管产业由低碳无缝钢管",
        "重点技改项目1000个",
        "加快物联网终端部署，全面推进",
    ],
)
def test_sample_broken_lines_are_joined(sample, phrase):
    assert len(containing(sample, phrase)) == 1


def test_sample_lone_clause_joins_its_task(sample):
    [task] = containing(sample, "分类推进优质项目建设")
    assert task.startswith("（一）分类推进优质项目建设。按照市发展改革委的要求，配合做好")
    assert task.endswith("谋划储备。（技改办、绿色发展推进科和各产业科室分别负责）")


@pytest.mark.parametrize(
    "line",
    [
        "聊城市工业和信息化局文件",
        "聊工信发〔2023〕48号",
        "关于印发聊城市工业和信息化局深化新旧动能转换推动绿色低碳高质量发展三年行动计划"
        "（2023-2025年）的通知",
        "局机关各科室，直属事业单位，市化工专项行动办各工作组：",
        "2023年5月10日",
        "（此文公开发布）",
        "深化新旧动能转换推动绿色低碳高质量发展三年行动计划（2023-2025年）",
        "一、指导思想",
        "四、产业升级，夯实高质量发展基础",
        "（二）协同推动其它产业发展",
        "（六）加强“两高”项目和低效落后产能监管",
        "（十）全面深化数字赋能",
    ],
)
def test_sample_header_lines_and_headings_stay_alone(sample, line):
    assert line in paragraph_texts(sample)


def test_sample_issuer_lines_are_their_own_paragraphs(sample):
    assert paragraph_texts(sample).count("聊城市工业和信息化局") == 2


def test_sample_artefacts_are_cleaned(sample):
    assert "**" not in sample.text
    assert "推动农副产品加工业高质量发展" in sample.text
    assert "占GDP的比重达到35%左右" in sample.text
    assert "5G基站总量突破1.3万个" in sample.text
    assert "1.有色金属产业。" in sample.text
    assert not re.search(r"[\u4e00-\u9fff] | [\u4e00-\u9fff]", sample.text)
    assert all(p.text == p.text.strip() and p.text for p in sample.paragraphs)


# --- cleaning cases ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("推动**农副产品加工业**高质量发展。", "推动农副产品加工业高质量发展。"),
        ("推动__绿色建材产业__发展。", "推动绿色建材产业发展。"),
        ("## 一、总体要求", "一、总体要求"),
        ("１．有色金属产业", "1.有色金属产业"),
        ("到２０２５年，达到１．３万个", "到2025年，达到1.3万个"),
        ("占比达到３５％以上", "占比达到35%以上"),
        ("到 2025 年", "到2025年"),
        ("1.3 万个", "1.3万个"),
        ("占 GDP 的比重达到 35%左右", "占GDP的比重达到35%左右"),
        ("达到 45 % 以上", "达到45%以上"),
        ("建设 5G NR 基站", "建设5G NR基站"),
        ("（2023—2025年）", "（2023-2025年）"),
        ("(一)协同推动其它产业发展", "（一）协同推动其它产业发展"),
        ("(3)数字经济", "（3）数字经济"),
        ("(A科负责)", "（A科负责）"),
        ("（B科负责)", "（B科负责）"),
        ("细颗粒物(PM2.5)浓度", "细颗粒物(PM2.5)浓度"),
        ("\u3000\u3000全面推进\u00a0物联网\u200b建设。\t", "全面推进物联网建设。"),
        ("关于印发XX局 深化改革 三年行动计划的通知", "关于印发XX局深化改革三年行动计划的通知"),
        ("| --- | --- |", ""),
    ],
)
def test_normalize_line(raw, clean):
    assert normalize_line(raw) == clean


@pytest.mark.parametrize(
    ("raw", "paragraphs"),
    [
        ("第一段。\r\n第二段。\r\n", ["第一段。", "第二段。"]),
        ("第一段。\r第二段。", ["第一段。", "第二段。"]),
        ("推动工作\r\n\r\n开展。", ["推动工作开展。"]),
        (
            "\u3000\u3000一、总体要求\n\u3000\u3000到2025年，全县……",
            ["一、总体要求", "到2025年，全县……"],
        ),
        ("**二、主要任务**\n\n（一）**壮大主导产业**", ["二、主要任务", "（一）壮大主导产业"]),
        ("建成 5G 基站\n\n 1.3 万个。", ["建成5G基站1.3万个。"]),
    ],
)
def test_clean_text_cases(raw, paragraphs):
    source = clean_text(raw)
    assert paragraph_texts(source) == paragraphs
    assert_offsets_consistent(source)


# --- other plan styles --------------------------------------------------------------------------

COUNTY_PLAN = """\
XX县发展和改革局文件

X发改发〔2024〕7号

关于印发《XX县数字经济发展三年行动方案（2024-2026年）》的通知

各乡镇人民政府，县直有关部门：

现将《XX县数字经济发展三年行动方案（2024-2026年）》印发给你们，请结合实际认真抓好落实。

XX县发展和改革局

二〇二四年三月一日

XX县数字经济发展三年行动方案

一、主要目标

到2026年，全县数字经济核心产业增加值占GDP比重达到

10%以上。

二、重点任务

(一)壮大电子信息产业

1. 培育龙头企业。支持重点企业扩大产能，力争年营业收入突破

50亿元。

(县工信局负责)

2．推进园区建设。加快电子信息产业园建设，引进配套企业10家以上。

牵头单位：县发展改革局

配合单位：县工信局、县商务局

(二)推动数字乡村建设

（1）完善基础设施。实现行政村5G网络全覆盖。（县工信局牵头，各乡镇配合）
"""


@pytest.fixture(scope="module")
def county():
    return clean_text(COUNTY_PLAN, source_name="county.txt")


def test_county_plan_paragraphs(county):
    assert paragraph_texts(county) == [
        "XX县发展和改革局文件",
        "X发改发〔2024〕7号",
        "关于印发《XX县数字经济发展三年行动方案（2024-2026年）》的通知",
        "各乡镇人民政府，县直有关部门：",
        "现将《XX县数字经济发展三年行动方案（2024-2026年）》印发给你们，请结合实际认真抓好落实。",
        "XX县发展和改革局",
        "二〇二四年三月一日",
        "XX县数字经济发展三年行动方案",
        "一、主要目标",
        "到2026年，全县数字经济核心产业增加值占GDP比重达到10%以上。",
        "二、重点任务",
        "（一）壮大电子信息产业",
        "1.培育龙头企业。支持重点企业扩大产能，力争年营业收入突破50亿元。（县工信局负责）",
        "2.推进园区建设。加快电子信息产业园建设，引进配套企业10家以上。",
        "牵头单位：县发展改革局",
        "配合单位：县工信局、县商务局",
        "（二）推动数字乡村建设",
        "（1）完善基础设施。实现行政村5G网络全覆盖。（县工信局牵头，各乡镇配合）",
    ]
    assert_offsets_consistent(county)


HARD_WRAPPED = """\
第一章 总则
第一条 为推动全市制造业高质量发展，依据有关规定，结合本市
实际，制定本方案。
第二条 本方案适用于全市规模以上工业企业
和重点项目。
三、保障措施
（一）强化组织领导
建立市级工作专班，统筹推进
各项任务落实。
(市工信局、市发改委分别负责)
"""


def test_hard_wrapped_lines_without_blank_lines():
    assert paragraph_texts(clean_text(HARD_WRAPPED)) == [
        "第一章总则",
        "第一条为推动全市制造业高质量发展，依据有关规定，结合本市实际，制定本方案。",
        "第二条本方案适用于全市规模以上工业企业和重点项目。",
        "三、保障措施",
        "（一）强化组织领导",
        "建立市级工作专班，统筹推进各项任务落实。（市工信局、市发改委分别负责）",
    ]


@pytest.mark.parametrize(
    ("pieces", "line", "expected"),
    [
        (["到2025"], "年，全市工业领域取得进展。", True),
        (["任务完成。"], "下一段开始。", False),
        (["任务完成。"], "（A科负责）", True),
        (["一、指导思想"], "以习近平新时代中国特色社会主义思想为指导，", False),
        (["1.有色金属产业"], "重点打造产业园区。", False),
        (["推进园区建设"], "（二）协同推动", False),
        (["聊城市工业和信息化局"], "2023年5月10日", False),
        (["XX市工业和信息化局"], "XX市制造业发展方案", False),
        (["加快物联网终端部署，"], "全面推进建设。", True),
        (["编制实施《行动计划》"], "，推动改造提升。", True),
        (["市工信局 | 2025年"], "市发改委 | 2026年", False),
    ],
)
def test_continues_paragraph(pieces, line, expected):
    assert continues_paragraph(pieces, line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("四、产业升级，夯实高质量发展基础", True),
        ("（二）协同推动其它产业发展", True),
        ("1.有色金属产业", True),
        ("（1）完善基础设施", True),
        ("第三章 保障措施", True),
        ("1.有色金属产业。重点打造茌平千亿铝精深加工产业园区。", False),
        ("1.3万个基站", False),
        ("2025年，全市", False),
    ],
)
def test_is_heading(line, expected):
    assert is_heading(line) is expected


# --- encodings and scripts ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "recorded"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("gb18030", "gb18030")],
)
def test_encodings_give_the_same_clean_text(tmp_path, sample, encoding, recorded):
    path = tmp_path / "plan.txt"
    path.write_bytes(SAMPLE.read_text(encoding="utf-8").encode(encoding))
    source = read_source(path)
    assert source.encoding == recorded
    assert source.text == sample.text
    assert source.sha256 == sample.sha256


def test_gbk_fragment_is_detected():
    data = COUNTY_PLAN.encode("gbk")
    text, encoding = decode_text(data, "county.txt")
    assert encoding == "gb18030"
    assert text == COUNTY_PLAN


def test_traditional_text_keeps_original_and_gets_simplified_twin():
    import opencc

    simplified = "\n".join(paragraph_texts(clean_text(COUNTY_PLAN)))
    traditional = opencc.OpenCC("s2t").convert(simplified)
    assert traditional != simplified
    source = read_bytes(traditional.encode("big5hkscs", errors="strict"), "county.txt")
    assert source.text == traditional
    assert source.converted_from_traditional
    assert len(source.match_text) == len(source.text)
    assert source.match_text == simplified
    assert source.encoding in {"big5hkscs", "cp950"}


def test_simplified_twin_is_empty_for_simplified_text():
    assert simplified_twin("推动绿色低碳高质量发展") == ""
    assert simplified_twin("推動綠色低碳高質量發展") == "推动绿色低碳高质量发展"


def test_simplified_twin_answers_the_same_whatever_was_converted_before():
    # Characters already seen are remembered; that must not leak from one text into another.
    for _ in range(2):
        assert simplified_twin("發展") == "发展"
        assert simplified_twin("发展") == ""
        assert simplified_twin("發展与发展") == "发展与发展"
        assert simplified_twin("ABC１２３") == ""


def test_suspicious_characters_are_reported():
    source = clean_text("一、总体要求\x07\n到2025年，全市\ufffd增长。", source_name="odd.txt")
    assert paragraph_texts(source) == ["一、总体要求", "到2025年，全市\ufffd增长。"]
    assert any("1 control characters" in w for w in source.warnings)
    assert any("U+FFFD" in w for w in source.warnings)


# --- page artefacts ----------------------------------------------------------------------------


def test_form_feed_pages_drop_page_numbers_and_running_headers():
    pages = [
        f"XX市工信局行动计划\n{body}\n- {n} -"
        for n, body in enumerate(["一、总体要求", "到2025年，全市工业增加值", "增长8%。"], 1)
    ]
    source = clean_text("\f".join(pages))
    assert paragraph_texts(source) == ["一、总体要求", "到2025年，全市工业增加值增长8%。"]


@pytest.mark.parametrize("number", ["3", "- 3 -", "— 3 —", "第3页", "第 3 页 共 12 页", "3/12"])
def test_page_number_forms(number):
    pages = [["正文第一行。", number], ["第二页正文。", "7"]]
    assert strip_page_artefacts(pages)[0] == ["正文第一行。"]


# --- other formats -----------------------------------------------------------------------------


def sample_lines() -> list[str]:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip()]


def test_docx_reads_like_the_txt(tmp_path, sample):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in sample_lines():
        document.add_paragraph(line.replace("**", ""))
    table = document.add_table(rows=2, cols=3)
    for row, cells in zip(
        table.rows,
        [("指标", "2025年目标", "责任科室"), ("规上企业", "1800家", "产业政策科")],
        strict=True,
    ):
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    document.add_paragraph("附件：重点项目清单")
    path = tmp_path / "plan.docx"
    document.save(path)

    source = read_source(path)
    assert source.source_format == "docx"
    assert paragraph_texts(source)[: len(sample.paragraphs)] == paragraph_texts(sample)
    assert paragraph_texts(source)[len(sample.paragraphs) :] == [
        "指标 | 2025年目标 | 责任科室",
        "规上企业 | 1800家 | 产业政策科",
        "附件：重点项目清单",
    ]
    assert_offsets_consistent(source)


def cjk_font() -> str | None:
    if shutil.which("fc-list"):
        listed = subprocess.run(
            ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, check=False
        ).stdout
        files = [line.split(":")[0].strip() for line in listed.splitlines()]
        files = [f for f in files if f.lower().endswith((".ttf", ".ttc", ".otf"))]
        if files:
            return sorted(files)[0]
    for pattern in ("wqy*", "*[Nn]oto*CJK*", "*droid*fallback*", "sim*"):
        found = glob.glob(f"/usr/share/fonts/**/{pattern}.tt[fc]", recursive=True)
        if found:
            return found[0]
    return None


def wrap_like_a_word_processor(pdf, text: str) -> list[str]:
    """Break at any Chinese character but never inside a Latin word or a number."""
    lines, current = [], ""
    for token in re.findall(r"[A-Za-z0-9.%+\-]+|.", text):
        if current and pdf.get_string_width(current + token) > pdf.epw:
            lines.append(current)
            current = token.lstrip()
        else:
            current += token
    return [*lines, current] if current else lines


def make_pdf(path: Path, paragraphs: list[str], font: str) -> None:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    class PlanPdf(FPDF):
        def header(self):
            self.set_font("cjk", size=9)
            self.cell(
                0, 6, "聊城市工业和信息化局 三年行动计划", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
            self.ln(4)

        def footer(self):
            self.set_y(-15)
            self.set_font("cjk", size=9)
            self.cell(0, 8, f"- {self.page_no()} -", align="C")

    pdf = PlanPdf(format="A4")
    pdf.add_font("cjk", fname=font)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    for paragraph in paragraphs:
        pdf.set_font("cjk", size=12)
        for line in wrap_like_a_word_processor(pdf, paragraph):
            pdf.cell(0, 7, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(4)
    pdf.output(str(path))


def test_pdf_reads_like_the_txt(tmp_path, sample):
    pytest.importorskip("fpdf")
    font = cjk_font()
    if font is None:
        pytest.skip("no CJK font installed (apt-get install fonts-wqy-microhei)")
    path = tmp_path / "plan.pdf"
    make_pdf(path, [line.replace("**", "") for line in sample_lines()], font)

    source = read_source(path)
    assert source.source_format == "pdf"
    assert "聊城市工业和信息化局三年行动计划" not in source.text  # the running header
    assert not any(re.fullmatch(r"-\s*\d+\s*-", p.text) for p in source.paragraphs)
    assert paragraph_texts(source) == paragraph_texts(sample)
    assert_offsets_consistent(source)


def test_html_reads_like_the_txt(tmp_path, sample):
    body = "\n".join(f"<p>{line}</p>" for line in sample_lines())
    page = f"""<!DOCTYPE html>
<html><head><meta charset="gb2312"><title>聊城市工业和信息化局</title>
<style>p {{ text-indent: 2em }}</style><script>var nav = "首页";</script></head>
<body>
<header><a href="/">首页</a> &gt; 政务公开 &gt; 通知公告</header>
<nav><ul><li>机构概况</li><li>政策文件</li><li>互动交流</li></ul></nav>
<div class="content"><article>{body}</article></div>
<aside>相关链接：山东省工业和信息化厅</aside>
<footer>主办单位：聊城市工业和信息化局<br>网站标识码：0000000000</footer>
</body></html>"""
    path = tmp_path / "plan.html"
    path.write_bytes(page.encode("gb18030"))

    source = read_source(path)
    assert source.source_format == "html"
    assert source.encoding == "gb18030"
    assert paragraph_texts(source) == paragraph_texts(sample)
    assert_offsets_consistent(source)


def test_html_without_article_picks_the_content_box_and_breaks_on_br():
    page = """<html><body>
<div class="menu"><a>首页</a><a>新闻中心</a></div>
<div id="zoom"><p>一、总体要求</p><p>到2025年，全市规上工业企业达到1800家。<br>（产业政策科负责）</p>
<p>二、保障措施</p><table><tr><td>指标</td><td>目标</td></tr></table></div>
<div class="foot">版权所有</div></body></html>"""
    source = read_bytes(page.encode("utf-8"), "page.htm")
    assert paragraph_texts(source) == [
        "一、总体要求",
        "到2025年，全市规上工业企业达到1800家。（产业政策科负责）",
        "二、保障措施",
        "指标 | 目标",
    ]


def test_read_bytes_matches_read_source(sample):
    assert read_bytes(SAMPLE.read_bytes(), "upload.TXT").text == sample.text


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "error", "message"),
    [
        ("empty.txt", b"", EmptyDocument, "no text"),
        ("blank.txt", b" \n\r\n\t\xe3\x80\x80\n", EmptyDocument, "no text"),
        ("junk.txt", bytes(range(256)) * 8, UndecodableText, "binary or undecodable"),
        (
            "image.txt",
            b"\x89PNG\r\n\x1a\n" + bytes(range(200, 256)) * 20,
            UndecodableText,
            "binary or undecodable",
        ),
        ("plan.xlsx", b"PK\x03\x04", UnsupportedFormat, ".docx"),
        ("README", b"text", UnsupportedFormat, "no extension"),
        ("plan.docx", bytes(range(256)) * 4, CorruptDocument, "not a readable .docx"),
        ("plan.pdf", b"%PDF-1.4 garbage", CorruptDocument, "not a readable PDF"),
    ],
)
def test_bad_input(tmp_path, name, data, error, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(error) as raised:
        read_source(path)
    assert message in str(raised.value)
    assert name in str(raised.value)
    assert "\n" not in str(raised.value)


def test_missing_path(tmp_path):
    with pytest.raises(SourceNotFound, match="no such file"):
        read_source(tmp_path / "absent.txt")


def test_directory(tmp_path):
    with pytest.raises(SourceNotFound, match="is a directory"):
        read_source(tmp_path)


def test_too_large(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("一、总体要求\n" * 100, encoding="utf-8")
    with pytest.raises(FileTooLarge, match="over the limit of 100 bytes"):
        read_source(path, max_bytes=100)
    with pytest.raises(FileTooLarge):
        read_bytes(path.read_bytes(), "plan.txt", max_bytes=100)


def test_image_only_pdf(tmp_path):
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_fill_color(200, 30, 30)
    pdf.rect(20, 20, 170, 250, style="F")
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(NoTextLayer, match="scanned PDF: no text layer; run OCR first"):
        read_source(path)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (
            "1. 5G产业链。加快建设5G基站",
            "1. 5G产业链。加快建设5G基站",
        ),  # the space marks the heading
        ("12. 5G应用", "12. 5G应用"),
        ("1. 有色金属产业", "1.有色金属产业"),
        ("到 2025 年，达到 1. 3 万个", "到2025年，达到1.3万个"),  # mid-line: a spaced decimal
    ],
)
def test_a_numbered_heading_before_a_digit_keeps_its_space(raw, clean):
    assert normalize_line(raw) == clean
