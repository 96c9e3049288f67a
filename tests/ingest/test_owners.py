"""Responsibility clauses, office aliases, English office names and outside departments, on the
bundled sample and on plan fragments written in other styles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plankg.ingest.owners import (
    Responsibility,
    canonicalize_offices,
    detect_first_listed_leads,
    extract_agencies,
    extract_responsibility,
    is_collective,
    office_english_name,
    responsibility_spans,
)
from plankg.vocab import load_vocab

SAMPLE = Path(__file__).parents[2] / "plankg" / "data" / "sample" / "liaocheng_miit_2023_48.txt"
SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
# The outline parser lives elsewhere; here a task is simply the text up to its clause.
CLAUSE = re.compile(r"[（(][^（）()]*(?:负责|牵头|配合)[^（）()]*[）)]")
OFFSET = 1000  # fragments pretend to start here in a plan, to check absolute offsets


def sample_tasks() -> list[tuple[str, int]]:
    """(task text, offset) for every task of the sample: from one clause's end to the next's."""
    tasks, start = [], 0
    for match in CLAUSE.finditer(SAMPLE_TEXT):
        tasks.append((SAMPLE_TEXT[start : match.end()], start))
        start = match.end()
    return tasks


def sample_task(beginning: str, clause: str) -> tuple[str, int]:
    start = SAMPLE_TEXT.index(beginning)
    end = SAMPLE_TEXT.index(clause, start) + len(clause)
    return SAMPLE_TEXT[start:end], start


def owners_of(result: Responsibility) -> list[tuple[str, str]]:
    return [(o.name, o.role) for o in result.owners]


def assert_evidence_holds(text: str, offset: int, result: Responsibility) -> None:
    for owner in result.owners:
        ev = owner.evidence
        assert text[ev.start - offset : ev.end - offset] == ev.phrase
        assert ev == result.clause


# ---------------------------------------------------------------- the sample


@pytest.mark.parametrize(
    ("beginning", "clause", "expected"),
    [
        ("（一）加快科技创新平台建设", "（科技科负责）", [("科技科", "sole")]),
        (
            "（二）加强科技型企业梯度培育",
            "（创新创业指导科、产业政策科分别负责）",
            [("创新创业指导科", "each"), ("产业政策科", "each")],
        ),
        (
            "（二）协同推动其它产业发展",
            "（各产业科室和综合科室分别负责）",
            [("各产业科室", "collective"), ("综合科室", "collective")],
        ),
        (
            "（三）实施集群提升攻坚行动",
            "（链长办、原材料产业科、化专办、服务体系建设科、非公经济发展科、技改办、电子信息产业科分别负责）",
            [
                ("链长办", "each"),
                ("原材料产业科", "each"),
                ("化专办", "each"),
                ("服务体系建设科", "each"),
                ("非公经济发展科", "each"),
                ("技改办", "each"),
                ("电子信息产业科", "each"),
            ],
        ),
        (
            "（一）分类推进优质项目建设",
            "（技改办、绿色发展推进科和各产业科室分别负责）",
            [("技改办", "each"), ("绿色发展推进科", "each"), ("各产业科室", "collective")],
        ),
        (
            "（三）加大创新人才支撑力度",
            "（培训与交流科、创新创业指导科、科技科、产业政策科分别负责）",
            [
                ("培训与交流科", "each"),
                ("创新创业指导科", "each"),
                ("科技科", "each"),
                ("产业政策科", "each"),
            ],
        ),
        ("2. 绿色化工产业", "（化专办负责）", [("化专办", "sole")]),
        ("1. 有色金属产业", "（原材料科负责）", [("原材料科", "sole")]),
    ],
)
def test_sample_clauses(beginning: str, clause: str, expected: list[tuple[str, str]]) -> None:
    text, offset = sample_task(beginning, clause)
    result = extract_responsibility(text, offset)
    assert owners_of(result) == expected
    assert result.clause is not None and result.clause.phrase == clause
    assert SAMPLE_TEXT[result.clause.start : result.clause.end] == clause
    assert not result.warnings
    assert all(not o.open_ended for o in result.owners)


def test_sample_open_ended_clause() -> None:
    text, offset = sample_task(
        "3. 提升使用外资质量", "（化专办、原材料产业科、电子信息产业科等分别负责）"
    )
    result = extract_responsibility(text, offset)
    assert owners_of(result) == [
        ("化专办", "each"),
        ("原材料产业科", "each"),
        ("电子信息产业科", "each"),
    ]
    assert all(o.open_ended for o in result.owners)


def test_sample_every_task_has_owners_with_valid_evidence() -> None:
    tasks = sample_tasks()
    assert len(tasks) == 26
    for text, offset in tasks:
        result = extract_responsibility(text, offset)
        assert result.owners, text[-60:]
        assert_evidence_holds(SAMPLE_TEXT, 0, result)
        # The clause closes the task: no other bracket (含…, 指挥部) was taken.
        assert result.clause is not None and result.clause.end == offset + len(text)


def test_sample_collectives_are_never_offices() -> None:
    owners = [
        o for text, offset in sample_tasks() for o in extract_responsibility(text, offset).owners
    ]
    collective = {o.name for o in owners if o.collective}
    assert collective == {"各产业科室", "综合科室"}
    assert all(o.role == "collective" for o in owners if o.collective)
    assert len({o.name for o in owners if not o.collective}) == 18


def test_sample_office_aliases_merge_exactly_one_pair() -> None:
    names = [
        o.name
        for text, offset in sample_tasks()
        for o in extract_responsibility(text, offset).owners
    ]
    assert canonicalize_offices(names) == {
        "原材料科": (
            "原材料产业科",
            "short form: 原材料科 = 原材料产业科 (stem 原材料 + 科, infix 产业)",
        ),
    }


def test_sample_does_not_say_first_listed_leads() -> None:
    assert detect_first_listed_leads(SAMPLE_TEXT) is False


SAMPLE_AGENCIES = [
    ("reports_to", "市委组织部", "党委组织部", False, "落实市委组织部"),
    ("support", "牵头部门", "牵头部门", True, "配合牵头部门"),
    ("support", "牵头部门", "牵头部门", True, "配合牵头部门"),
    ("support", "牵头部门", "牵头部门", True, "配合牵头部门"),
    ("support", "牵头部门", "牵头部门", True, "配合牵头部门"),
    ("cites", "工信部", "工业和信息化部门", False, "工信部"),
    ("joint", "市发展改革委", "发展改革部门", False, "联合市发展改革委"),
    ("support", "发改部门", "发展改革部门", False, "配合发改部门"),
    ("joint", "文旅部门", "文化和旅游部门", False, "会同文旅部门"),
    ("per_requirement", "市发展改革委", "发展改革部门", False, "按照市发展改革委的要求"),
    ("support", "牵头部门", "牵头部门", True, "配合牵头部门"),
    ("support", "牵头部门", "牵头部门", True, "配合牵头部门"),
    ("support", "市农业农村局", "农业农村部门", False, "配合市农业农村局"),
    ("support", "市发展改革委", "发展改革部门", False, "配合市农业农村局、市发展改革委"),
    ("support", "市商务局", "商务部门", False, "配合市商务局"),
    ("joint", "文旅部门", "文化和旅游部门", False, "联合文旅部门"),
    (
        "per_requirement",
        "市委统筹疫情防控和经济运行工作领导小组（指挥部）办公室",
        "市委统筹疫情防控和经济运行工作领导小组（指挥部）办公室",
        False,
        "按照市委统筹疫情防控和经济运行工作领导小组（指挥部）办公室要求",
    ),
    ("support", "牵头部门", "牵头部门", True, "配合牵头部门"),
]


def test_sample_agencies() -> None:
    body_start = SAMPLE_TEXT.index("三、创新驱动")
    body = SAMPLE_TEXT[body_start:]
    agencies = extract_agencies(body, body_start)
    assert [
        (a.relation, a.raw, a.name, a.unnamed, a.evidence.phrase) for a in agencies
    ] == SAMPLE_AGENCIES
    for agency in agencies:
        assert SAMPLE_TEXT[agency.evidence.start : agency.evidence.end] == agency.evidence.phrase
    unresolved = [a.name for a in agencies if not a.resolved and not a.unnamed]
    assert unresolved == ["市委统筹疫情防控和经济运行工作领导小组（指挥部）办公室"]


def test_sample_agencies_per_task_never_include_owners() -> None:
    for text, offset in sample_tasks():
        owners = {o.raw for o in extract_responsibility(text, offset).owners}
        assert not owners & {a.raw for a in extract_agencies(text, offset)}


# ---------------------------------------------------------------- other styles


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("推进企业上云。(科技局负责)", [("科技局", "sole")], id="ascii-parens"),
        pytest.param(
            "推进企业上云。（规划科和投资科负责）",
            [("规划科", "each"), ("投资科", "each")],
            id="he-no-fenbie",
        ),
        pytest.param(
            "推进企业上云。（规划科、投资科负责）",
            [("规划科", "each"), ("投资科", "each")],
            id="list-no-fenbie",
        ),
        pytest.param(
            "推进企业上云。（规划科、投资科共同负责）",
            [("规划科", "each"), ("投资科", "each")],
            id="gongtong",
        ),
        pytest.param(
            "推进企业上云。（规划科、投资科和财务科分别负责）",
            [("规划科", "each"), ("投资科", "each"), ("财务科", "each")],
            id="fenbie-he",
        ),
        pytest.param(
            "培育物流企业。（市商务局牵头，市交通运输局、市邮政管理局配合）",
            [("市商务局", "lead"), ("市交通运输局", "support"), ("市邮政管理局", "support")],
            id="lead-support",
        ),
        pytest.param(
            "开拓新兴市场。（对外贸易处牵头，市贸促会、会展办配合）",
            [("对外贸易处", "lead"), ("市贸促会", "support"), ("会展办", "support")],
            id="divisions-and-association",
        ),
        pytest.param(
            "培育物流企业。（市商务局牵头负责，市交通运输局配合）",
            [("市商务局", "lead"), ("市交通运输局", "support")],
            id="lead-fuze-support",
        ),
        pytest.param(
            "培育物流企业。（市商务局负责，市交通运输局配合）",
            [("市商务局", "lead"), ("市交通运输局", "support")],
            id="fuze-support",
        ),
        pytest.param("培育物流企业。（市商务局牵头）", [("市商务局", "lead")], id="lead-only"),
        pytest.param(
            "建设算力中心。（市发展改革委牵头，市大数据局、市财政局按职责分工负责）",
            [("市发展改革委", "lead"), ("市大数据局", "support"), ("市财政局", "support")],
            id="lead-then-duty-division",
        ),
        pytest.param(
            "壮大县域特色产业。（各县（市、区）负责）",
            [("各县（市、区）", "collective")],
            id="nested",
        ),
        pytest.param(
            "改造提升县城商贸中心。\n牵头单位：县商务局；配合单位：县发展和改革局、县自然资源局",
            [("县商务局", "lead"), ("县发展和改革局", "support"), ("县自然资源局", "support")],
            id="label-lines",
        ),
        pytest.param(
            "改造提升县城商贸中心。\n牵头单位：县商务局 配合单位：县发展和改革局、县自然资源局",
            [("县商务局", "lead"), ("县发展和改革局", "support"), ("县自然资源局", "support")],
            id="labels-one-line",
        ),
        pytest.param(
            "改造提升县城商贸中心。\n牵头部门：县商务局\n配合部门：县财政局，各乡镇（街道）",
            [("县商务局", "lead"), ("县财政局", "support"), ("各乡镇（街道）", "collective")],
            id="label-departments-two-lines",
        ),
        pytest.param(
            "推进电商进农村。（责任单位：县发改局）", [("县发改局", "sole")], id="responsible-one"
        ),
        pytest.param(
            "推进电商进农村。\n责任单位：县发改局、县工信局",
            [("县发改局", "each"), ("县工信局", "each")],
            id="responsible-county-bureaus",
        ),
        pytest.param(
            "加强人才培养。责任科室：人事教育科、培训与交流科。",
            [("人事教育科", "each"), ("培训与交流科", "each")],
            id="responsible-sections",
        ),
        pytest.param(
            "加强人才培养。责任处室：人事处；配合处室：财务处",
            [("人事处", "lead"), ("财务处", "support")],
            id="responsible-with-support",
        ),
        pytest.param(
            "完善设施。（人事科、财务科和各乡镇（街道）分别负责）",
            [("人事科", "each"), ("财务科", "each"), ("各乡镇（街道）", "collective")],
            id="mixed-collective",
        ),
        pytest.param(
            "完善设施。（县委宣传部、县委组织部和县人社局分别负责）",
            [("县委宣传部", "each"), ("县委组织部", "each"), ("县人社局", "each")],
            id="county-party-organs",
        ),
        pytest.param(
            "完善设施。（各县市区、市直有关部门负责）",
            [("各县市区", "collective"), ("市直有关部门", "collective")],
            id="collective-as-written",
        ),
        pytest.param("（ 科技 科 负责 ）", [("科技科", "sole")], id="whitespace"),
        pytest.param(
            "建设中试基地。（市协同创新中心负责，市科技局配合）",
            [("市协同创新中心", "lead"), ("市科技局", "support")],
            id="verb-inside-name",
        ),
    ],
)
def test_clause_styles(text: str, expected: list[tuple[str, str]]) -> None:
    result = extract_responsibility(text, OFFSET)
    assert owners_of(result) == expected
    assert result.first_is_lead_note is False
    assert not result.warnings
    assert_evidence_holds(text, OFFSET, result)


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        (
            "改造提升县城商贸中心。\n牵头单位：县商务局；配合单位：县财政局",
            "牵头单位：县商务局；配合单位：县财政局",
        ),
        ("推进电商进农村。（责任单位：县发改局、县工信局）", "（责任单位：县发改局、县工信局）"),
        (
            "推进电商进农村。\n责任单位：县发改局、县工信局  完成时限：2024年底",
            "责任单位：县发改局、县工信局",
        ),
        (
            "化工园区（含纳入园区管理的化工重点监控点）产值占80%左右。（化专办负责）",
            "（化专办负责）",
        ),
        ("按照领导小组（指挥部）要求推进。（链长办负责）", "（链长办负责）"),
    ],
)
def test_clause_span(text: str, clause: str) -> None:
    result = extract_responsibility(text, OFFSET)
    assert result.clause is not None
    assert result.clause.phrase == clause
    assert result.clause.start == OFFSET + text.index(clause)


@pytest.mark.parametrize(
    "text",
    [
        "依托5G建设专班，充分发挥牵头协调作用，统筹推进5G基站建设。",
        "加快推进重点项目建设，确保按期投产。",
        "支持龙头企业牵头组建创新联合体（含产业链上下游企业）。",
        "（由企业自主负责）",
        "",
    ],
)
def test_no_clause_no_owners(text: str) -> None:
    result = extract_responsibility(text, OFFSET)
    assert result.owners == []
    assert result.clause is None


@pytest.mark.parametrize(
    ("text", "expected_first_leads", "expected"),
    [
        (
            "推进电商进农村。\n责任单位：县发改局、县工信局、县财政局",
            True,
            [("县发改局", "lead"), ("县工信局", "support"), ("县财政局", "support")],
        ),
        (
            "推进电商进农村。（县发改局、县工信局负责）",
            True,
            [("县发改局", "lead"), ("县工信局", "support")],
        ),
        (
            "推进电商进农村。（县发改局、县工信局分别负责）",
            False,
            [("县发改局", "each"), ("县工信局", "each")],
        ),
        ("推进电商进农村。（县发改局负责）", False, [("县发改局", "sole")]),
        (
            "推进电商进农村。牵头单位：县商务局；责任单位：县发改局、县工信局",
            False,
            [("县商务局", "lead"), ("县发改局", "support"), ("县工信局", "support")],
        ),
    ],
)
def test_first_listed_leads(
    text: str, expected_first_leads: bool, expected: list[tuple[str, str]]
) -> None:
    result = extract_responsibility(text, OFFSET, first_listed_leads=True)
    assert owners_of(result) == expected
    assert result.first_is_lead_note is expected_first_leads


@pytest.mark.parametrize(
    ("plan_text", "expected"),
    [
        ("以下任务列第一位的为牵头单位，其他为配合单位。", True),
        ("排在首位的为牵头单位。", True),
        ("责任单位中第一个为牵头单位", True),
        ("各项任务排名第一的为牵头部门。", True),
        ("（列第一位的单位为牵头单位，下同）", True),
        ("牵头单位为列在首位的单位", True),
        ("培育第一批牵头企业。", False),
        ("其中第一是牵头抓总，第二是协调。", False),
        ("（科技科负责）", False),
    ],
)
def test_detect_first_listed_leads(plan_text: str, expected: bool) -> None:
    assert detect_first_listed_leads(plan_text) is expected


def test_unbalanced_clause_keeps_owners_and_warns_with_position() -> None:
    text = "壮大县域经济，培育特色产业集群。（规划科、投资科分别负责"
    result = extract_responsibility(text, OFFSET)
    assert owners_of(result) == [("规划科", "each"), ("投资科", "each")]
    assert len(result.warnings) == 1
    assert f"character {OFFSET + text.index('（')}" in result.warnings[0]
    assert "no closing bracket" in result.warnings[0]
    assert_evidence_holds(text, OFFSET, result)


def test_open_ended_marks_every_owner_of_the_clause() -> None:
    result = extract_responsibility("（市商务局牵头，市财政局、市税务局等部门配合）", OFFSET)
    assert owners_of(result) == [
        ("市商务局", "lead"),
        ("市财政局", "support"),
        ("市税务局", "support"),
    ]
    assert all(o.open_ended for o in result.owners)


@pytest.mark.parametrize(
    ("clause", "names"),
    [
        ("（培训与交流科负责）", ["培训与交流科"]),
        ("（节能与综合利用科、运行监测科分别负责）", ["节能与综合利用科", "运行监测科"]),
        ("（人事科与财务科负责）", ["人事科", "财务科"]),
        ("（市工业和信息化局及市财政局负责）", ["市工业和信息化局", "市财政局"]),
        ("（市人力资源和社会保障局负责）", ["市人力资源和社会保障局"]),
        ("（县住房和城乡建设局以及各乡镇负责）", ["县住房和城乡建设局", "各乡镇"]),
    ],
)
def test_conjunctions_split_only_between_unit_names(clause: str, names: list[str]) -> None:
    assert [o.name for o in extract_responsibility(clause).owners] == names


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("各产业科室", True),
        ("综合科室", True),
        ("各科室", True),
        ("各县（市、区）", True),
        ("各县(市、区)", True),
        ("各县市区", True),
        ("各区县", True),
        ("各有关部门", True),
        ("各成员单位", True),
        ("市直有关部门", True),
        ("各乡镇（街道）", True),
        ("相关处室", True),
        ("县直各部门", True),
        ("各开发区管委会", True),
        ("综合科", False),
        ("科技科", False),
        ("产业政策科", False),
        ("市发展改革委", False),
        ("县工信局", False),
    ],
)
def test_is_collective(name: str, expected: bool) -> None:
    assert is_collective(name) is expected


# ---------------------------------------------------------------- office aliases


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["原材料科", "原材料产业科"], {"原材料科": "原材料产业科"}),
        (["中小企业科", "中小企业服务科"], {"中小企业科": "中小企业服务科"}),
        (["非公经济科", "非公经济发展科"], {"非公经济科": "非公经济发展科"}),
        (["行政审批处", "行政审批管理处"], {"行政审批处": "行政审批管理处"}),
        (["科技 科", "科技科"], {"科技 科": "科技科"}),
        (["ＩＴ服务科", "IT服务科"], {"ＩＴ服务科": "IT服务科"}),
        (["原材料 科", "原材料产业科"], {"原材料 科": "原材料产业科"}),
    ],
)
def test_canonicalize_merges(names: list[str], expected: dict[str, str]) -> None:
    assert {
        raw: canonical for raw, (canonical, _) in canonicalize_offices(names).items()
    } == expected


@pytest.mark.parametrize(
    "names",
    [
        ["产业政策科", "产业科"],  # 政策 is a different office, not an infix
        ["产业科", "产业发展科"],  # the stem is only a generic word (产业): no domain to match on
        ["科技科", "科技局"],  # different unit suffixes
        ["装备科", "装备产业科", "装备发展科"],  # two long forms: ambiguous, leave both alone
        ["电子信息产业科", "信息产业科"],  # a shared ending is not a short form
        ["原材料产业科", "原材料产业一科"],
        ["各产业科室", "产业科室"],  # group words are not offices
        ["技改办", "化专办"],
    ],
)
def test_canonicalize_does_not_merge(names: list[str]) -> None:
    assert canonicalize_offices(names) == {}


def test_canonicalize_is_deterministic_and_records_the_rule() -> None:
    names = ["原材料科", "科技 科", "原材料产业科", "科技科", "原材料科"]
    first = canonicalize_offices(names)
    assert first == canonicalize_offices(list(reversed(names)))
    assert first["科技 科"] == ("科技科", "width/whitespace variant: 科技 科 = 科技科")
    assert (
        first["原材料科"][1] == "short form: 原材料科 = 原材料产业科 (stem 原材料 + 科, infix 产业)"
    )


# ---------------------------------------------------------------- English names


@pytest.mark.parametrize(
    ("name", "english"),
    [
        ("科技科", "Science and Technology Section"),
        ("产业政策科", "Industrial Policy Section"),
        ("培训与交流科", "Training and Exchange Section"),
        ("原材料产业科", "Raw Materials Industry Section"),
        ("化专办", "Chemical Industry Special Action Office"),
        ("链长办", "Chain Chief Office"),
        ("技改办", "Technological Transformation Office"),
        ("中小企业服务科", "SME Services Section"),
        ("军民结合推进科", "Civil-Military Integration Promotion Section"),
        ("办公室", "General Office"),
        ("运行监测处", "Operation Monitoring Division"),
        ("节能与综合利用处", "Energy Conservation and Comprehensive Utilization Division"),
        ("种植业管理科", "Crop Farming Management Section"),
        ("价格收费科", "Pricing and Charges Section"),
        ("各产业科室", "All Industry Sections"),
        ("阿胶产业科", "Ejiao Industry Section"),  # unknown part in pinyin
        ("茌平", "Chiping"),
    ],
)
def test_office_english_name(name: str, english: str) -> None:
    assert office_english_name(name) == english


# ---------------------------------------------------------------- outside departments


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "配合市大数据局推进政务数据共享。",
            [("support", "大数据部门", "市大数据局", "配合市大数据局")],
        ),
        (
            "会同县财政局、县税务局做好资金保障。",
            [
                ("joint", "财政部门", "县财政局", "会同县财政局"),
                ("joint", "税务部门", "县税务局", "会同县财政局、县税务局"),
            ],
        ),
        ("与市商务局共同举办展会。", [("joint", "商务部门", "市商务局", "与市商务局")]),
        (
            "按照省工业和信息化厅统一部署，开展工作。",
            [
                (
                    "per_requirement",
                    "工业和信息化部门",
                    "省工业和信息化厅",
                    "按照省工业和信息化厅统一部署",
                )
            ],
        ),
        (
            "按照市发改委、市工信局的工作要求，做好申报。",
            [
                ("per_requirement", "发展改革部门", "市发改委", "按照市发改委、市工信局的工作要求"),
                (
                    "per_requirement",
                    "工业和信息化部门",
                    "市工信局",
                    "按照市发改委、市工信局的工作要求",
                ),
            ],
        ),
        ("定期向市政府报送进展情况。", [("reports_to", "市人民政府", "市政府", "向市政府")]),
        (
            "配合市新能源产业发展促进中心做好推广。",
            [
                (
                    "support",
                    "市新能源产业发展促进中心",
                    "市新能源产业发展促进中心",
                    "配合市新能源产业发展促进中心",
                )
            ],
        ),
        (
            "配合市场监管部门开展质量抽查。",
            [("support", "市场监管部门", "市场监管部门", "配合市场监管部门")],
        ),
        ("配合牵头部门做好推动工作。", [("support", "牵头部门", "牵头部门", "配合牵头部门")]),
        (
            "会同国家发展改革委开展试点。",
            [("joint", "发展改革部门", "国家发展改革委", "会同国家发展改革委")],
        ),
        ("鼓励企业参与工信部公益性节能诊断。", [("cites", "工业和信息化部门", "工信部", "工信部")]),
        ("报请省人民政府同意后实施。", [("cites", "省人民政府", "省人民政府", "省人民政府")]),
        (
            "配合市应急管理局、市消防救援支队开展检查。",
            [("support", "应急管理部门", "市应急管理局", "配合市应急管理局")],
        ),
    ],
)
def test_agencies(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    agencies = extract_agencies(text, OFFSET)
    assert [(a.relation, a.name, a.raw, a.evidence.phrase) for a in agencies] == expected
    for agency in agencies:
        assert (
            text[agency.evidence.start - OFFSET : agency.evidence.end - OFFSET]
            == agency.evidence.phrase
        )


@pytest.mark.parametrize(
    "text",
    [
        "根据省市要求，做好水泥行业相关工作。",
        "积极推动组织部署，安排部署下步工作。",
        "配合有关部门做好工作。",
        "配合做好项目谋划储备。",
        "与制造业强市建设和链长制宣传相结合。",
        "发挥政府引导作用，推动电子商务部分环节上线。",
        "推进项目建设。（县发改局、县工信局分别负责）",
        "推进数字化转型。\n牵头单位：市工业和信息化局；配合单位：市发展改革委、市财政局",
        "配合原材料产业科做好统计。",
        "各县（市、区）人民政府要发挥政府主导作用。",
    ],
)
def test_no_agencies(text: str) -> None:
    assert extract_agencies(text, OFFSET) == []


def test_requirement_list_with_an_unnamed_part_is_not_a_requirement() -> None:
    agencies = extract_agencies("按照省委、省政府部署，推进工作。")
    assert [(a.relation, a.name) for a in agencies] == [("cites", "省人民政府")]


def test_unknown_department_is_kept_unresolved() -> None:
    [agency] = extract_agencies("按照县委乡村振兴工作领导小组办公室的要求，做好帮扶。")
    assert agency.relation == "per_requirement"
    assert agency.resolved is False
    assert agency.name == "县委乡村振兴工作领导小组办公室"


def test_level_prefix_is_stripped_for_matching_but_kept_in_raw() -> None:
    agencies = extract_agencies(
        "联合市发展改革委完成监察，配合发改部门核查，会同省发展和改革委员会调研。"
    )
    assert {a.name for a in agencies} == {"发展改革部门"}
    assert [a.raw for a in agencies] == ["市发展改革委", "发改部门", "省发展和改革委员会"]
    assert all(a.resolved for a in agencies)


# ---------------------------------------------------------------- vocabularies


@pytest.mark.parametrize("name", ["collective_owners", "office_names", "office_terms", "agencies"])
def test_vocabularies_are_versioned(name: str) -> None:
    assert load_vocab(name)["version"]


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        (
            "责任单位：市工业和信息化局、市科技局，各市（县）、区人民政府",
            [
                ("市工业和信息化局", "each"),
                ("市科技局", "each"),
                ("各市（县）、区人民政府", "collective"),
            ],
        ),
        (
            "（市发改委、各市(县)、区政府分别负责）",
            [("市发改委", "each"), ("各市（县）、区政府", "collective")],
        ),
        ("（各市（县、区）负责）", [("各市（县、区）", "collective")]),
    ],
)
def test_group_words_written_with_a_separator_inside_stay_whole(clause, expected):
    owners = extract_responsibility(clause).owners
    assert [(o.name, o.role) for o in owners] == expected


def test_same_text_at_two_offsets_warns_with_each_offset_and_keeps_agencies_apart() -> None:
    # Two plans can hold the very same task text; positions must come from each call's offset.
    text = "配合市发展改革委推进项目建设。（规划科、投资科分别负责"
    first = extract_responsibility(text, 100)
    second = extract_responsibility(text, 5000)
    assert f"character {100 + text.index('（')}" in first.warnings[0]
    assert f"character {5000 + text.index('（')}" in second.warnings[0]
    assert owners_of(first) == owners_of(second) == [("规划科", "each"), ("投资科", "each")]
    (agency,) = extract_agencies(text, 5000)
    assert (agency.raw, agency.relation, agency.evidence.start) == ("市发展改革委", "support", 5000)
    assert responsibility_spans(text) == [(text.index("（"), len(text))]
