"""Numeric targets: quantities, metrics, kinds, deadlines, evidence; counts that are not goals."""

from __future__ import annotations

import pytest

from plankg.errors import InputError
from plankg.ingest import sample_path
from plankg.ingest.read import read_source
from plankg.ingest.targets import Quantity, extract_targets, parse_quantity
from plankg.models import Target
from plankg.vocab import load_vocab

PLAN_PERIOD = (2023, 2025)


def brief(t: Target) -> tuple:
    return (t.metric, t.value, t.value_max, t.unit, t.kind, t.year, t.period_start, t.period_end)


# ------------------------------------------------------------------------------------------------
# parse_quantity
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "value", "value_max", "unit"),
    [
        ("1.3万个", 13000.0, None, "个"),
        ("1.3 万个", 13000.0, None, "个"),
        ("2-3个", 2.0, 3.0, "个"),
        ("2至3个", 2.0, 3.0, "个"),
        ("2～3个", 2.0, 3.0, "个"),
        ("500-2000万元", 500.0, 2000.0, "万元"),
        ("2%-3%", 2.0, 3.0, "%"),
        ("35%", 35.0, None, "%"),
        ("1000亿元", 1000.0, None, "亿元"),
        ("1.5万亿元", 15000.0, None, "亿元"),
        ("80家", 80.0, None, "家"),
        ("100多家", 100.0, None, "家"),
        ("10万亩", 10.0, None, "万亩"),
        ("50亿斤", 50.0, None, "亿斤"),
        ("1.5万人", 15000.0, None, "人"),
        ("2个百分点", 2.0, None, "百分点"),
        ("两个百分点", 2.0, None, "百分点"),
        ("0.45吨标准煤", 0.45, None, "吨标准煤"),
        ("3万", 30000.0, None, None),
        ("1,200家", 1200.0, None, "家"),
    ],
)
def test_parse_quantity_normalises_value_and_unit(written, value, value_max, unit):
    q = parse_quantity(written)
    assert q is not None
    assert (q.value, q.value_max, q.unit) == (value, value_max, unit)
    assert q.raw == written
    assert not q.order_of_magnitude


@pytest.mark.parametrize(
    ("written", "value", "unit"),
    [
        ("千亿级", 1000.0, "亿元"),
        ("百亿级", 100.0, "亿元"),
        ("500亿级", 500.0, "亿元"),
        ("万亿级", 10000.0, "亿元"),
        ("万吨级", 1.0, "万吨"),
    ],
)
def test_parse_quantity_reads_size_classes(written, value, unit):
    q = parse_quantity(written)
    assert q == Quantity(
        value=value,
        value_max=None,
        unit=unit,
        unit_en=q.unit_en,
        raw=written,
        order_of_magnitude=True,
    )
    assert q.unit_en


@pytest.mark.parametrize("written", ["", "abc", "2025年", "5G", "十四五", "35%以上", "第3", "10大"])
def test_parse_quantity_refuses_what_is_not_one_quantity(written):
    assert parse_quantity(written) is None


@pytest.mark.parametrize("name", ["units", "target_words"])
def test_vocabularies_are_versioned(name):
    assert load_vocab(name)["version"]


def test_every_unit_has_an_english_name_and_category():
    for entry in load_vocab("units")["units"]:
        assert entry["en"] and entry["category"], entry


# ------------------------------------------------------------------------------------------------
# The sample plan
# ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_targets() -> tuple[str, list[Target]]:
    source = read_source(sample_path())
    found = [
        t
        for p in source.paragraphs
        for t in extract_targets(p.text, p.start, plan_period=PLAN_PERIOD)
    ]
    return source.text, found


def test_sample_has_about_forty_targets(sample_targets):
    _, found = sample_targets
    assert 38 <= len(found) <= 42


def test_sample_evidence_is_an_exact_slice(sample_targets):
    text, found = sample_targets
    for t in found:
        assert text[t.evidence.start : t.evidence.end] == t.evidence.phrase


@pytest.mark.parametrize(
    ("metric", "value", "value_max", "unit", "kind", "year", "qualifiers"),
    [
        ("制造业增加值占GDP的比重", 35, None, "%", "share", 2025, ["左右"]),
        ("省级“一企一技术”研发中心", 15, None, "家", "count", 2025, ["力争", "新增"]),
        ("创新型中小企业", 2000, None, "家", "count", 2025, ["力争"]),
        ("专精特新企业", 700, None, "家", "count", 2025, ["力争"]),
        ("制造业单项冠军", 80, None, "家", "count", 2025, ["力争"]),
        ("规模以上制造业企业", 1800, None, "家", "count", 2025, ["力争"]),
        ("营业收入", 5500, None, "亿元", "level", 2025, ["力争"]),
        ("营业收入年均增长", 8, None, "%", "growth", 2025, ["力争", "年均", "左右"]),
        ("过千亿级产业", 4, None, "个", "count", 2025, ["力争"]),
        ("500亿级产业", 1, None, "个", "count", 2025, ["力争"]),
        ("300亿级产业", 3, None, "个", "count", 2025, ["力争"]),
        ("规上企业", 80, None, "家", "count", 2025, ["力争"]),
        ("营业收入", 1600, None, "亿元", "level", 2025, ["力争"]),
        ("规上企业", 120, None, "家", "count", 2025, ["力争"]),
        ("营业收入", 1000, None, "亿元", "level", 2025, ["力争"]),
        ("化工企业入园率", 45, None, "%", "share", 2025, ["力争", "以上"]),
        ("规上企业", 30, None, "家", "count", 2025, ["力争"]),
        ("营业收入", 150, None, "亿元", "level", 2025, ["力争"]),
        ("营业收入过1000亿元企业集团", 1, None, "家", "count", 2025, ["力争"]),
        ("500亿元企业集团", 1, None, "家", "count", 2025, ["力争"]),
        ("过100亿元企业", 10, None, "家", "count", 2025, ["力争"]),
        ("50亿元企业", 20, None, "家", "count", 2025, ["力争"]),
        ("省级特色产业集群", 8, None, "个", "count", 2025, ["力争"]),
        ("先进制造业集群", 2, None, "个", "count", 2025, ["力争", "以上"]),
        ("市级特色产业集群", 30, None, "个", "count", 2025, ["力争"]),
        ("市级以上绿色制造示范单位", 50, None, "家", "count", 2025, ["力争", "新增", "以上"]),
        ("省级以上质量标杆企业", 25, None, "家", "count", 2025, []),
        ("国家级工业设计中心", 1, None, "家", "count", 2025, ["力争", "新增"]),
        ("省级工业设计中心", 10, None, "家", "count", 2025, ["力争", "新增"]),
        ("市级工业设计中心", 40, None, "家", "count", 2025, ["力争", "新增"]),
        ("重点技改项目", 1000, None, "个", "cumulative", 2025, ["力争", "累计"]),
        ("5G基站总量", 13000, None, "个", "count", 2025, ["确保", "突破"]),
        ("智能工厂、数字化车间", 60, None, "个", "count", 2025, ["力争", "以上"]),
        ("百亿级主导产业集群", 2, 3, "个", "count", 2025, []),
        ("省级先进制造业集群", 2, None, "个", "count", 2025, ["以上"]),
    ],
)
def test_sample_targets(sample_targets, metric, value, value_max, unit, kind, year, qualifiers):
    _, found = sample_targets
    matches = [t for t in found if t.metric == metric and t.value == value]
    assert matches, f"{metric} {value} not found"
    t = matches[0]
    assert (t.value_max, t.unit, t.kind, t.year, t.qualifiers) == (
        value_max,
        unit,
        kind,
        year,
        qualifiers,
    )
    assert not t.vague


def test_sample_talent_target_is_dated_by_its_period(sample_targets):
    _, found = sample_targets
    (t,) = [t for t in found if t.metric == "省级及以上产业领军人才"]
    assert (t.value, t.unit, t.year, t.period_start, t.period_end) == (10, "名", None, 2023, 2025)
    assert t.qualifiers == ["争取", "以上"]
    assert t.evidence.phrase == "入选省级及以上产业领军人才10名以上"


@pytest.mark.parametrize(
    ("metric", "value", "evidence"),
    [
        ("规上企业", 5, "每年新增5家左右规上企业"),
        ("规上工业企业", 100, "每年新增规上工业企业100家"),
    ],
)
def test_sample_annual_targets_span_the_plan_period(sample_targets, metric, value, evidence):
    _, found = sample_targets
    (t,) = [t for t in found if t.metric == metric and t.value == value]
    assert (t.kind, t.year, t.period_start, t.period_end) == ("annual", None, 2023, 2025)
    assert t.evidence.phrase == evidence
    assert "每年" in t.qualifiers and "新增" in t.qualifiers


def test_sample_vague_growth_target(sample_targets):
    _, found = sample_targets
    (t,) = [t for t in found if t.vague]
    assert (t.metric, t.value, t.year, t.kind) == ("主要指标年均增速", None, 2025, "growth")
    assert t.evidence.phrase == "主要指标年均增速高于全省平均水平"


def test_sample_evidence_is_minimal(sample_targets):
    _, found = sample_targets
    phrases = {t.evidence.phrase for t in found}
    assert {
        "规上企业达到80家",
        "5G基站总量突破1.3万个",
        "化工企业入园率达到45%以上",
        "省级10家",
        "年均增长8%左右",
        "累计实施重点技改项目1000个",
    } <= phrases


@pytest.mark.parametrize(
    "words", ["化工园区和", "4个化工企业监控点", "领域", "小微工业企业", "5G建设专班"]
)
def test_sample_counts_describing_objects_are_not_targets(sample_targets, words):
    _, found = sample_targets
    assert not [t.evidence.phrase for t in found if words in t.evidence.phrase]


def test_sample_has_no_year_or_5g_values(sample_targets):
    _, found = sample_targets
    assert not [t for t in found if t.value in (5, 20, 2023, 2024, 2025) and t.unit is None]
    assert all(t.unit for t in found if not t.vague)


def test_sample_ordinals_count_within_each_text(sample_targets):
    _, found = sample_targets
    chemical = [
        t
        for t in found
        if t.metric in ("规上企业", "营业收入", "化工企业入园率") and t.value in (120, 1000, 45)
    ]
    assert [t.ordinal for t in chemical] == [1, 2, 3]


# ------------------------------------------------------------------------------------------------
# Plans in other styles
# ------------------------------------------------------------------------------------------------

OTHER_STYLES = [
    pytest.param(
        "到2025年，全市地区生产总值突破5000亿元，年均增长6%左右；R&D经费投入强度达到2.5%。",
        [
            ("地区生产总值", 5000, None, "亿元", "level", 2025, None, None),
            ("地区生产总值年均增长", 6, None, "%", "growth", 2025, None, None),
            ("R&D经费投入强度", 2.5, None, "%", "level", 2025, None, None),
        ],
        id="development-reform",
    ),
    pytest.param(
        "新建高标准农田10万亩，粮食总产量稳定在50亿斤以上。",
        [
            ("高标准农田", 10, None, "万亩", "level", None, 2023, 2025),
            ("粮食总产量", 50, None, "亿斤", "level", None, 2023, 2025),
        ],
        id="agriculture-no-deadline",
    ),
    pytest.param(
        "力争到2024年底，新增规上工业企业20家以上，工业技改投资增长15%。",
        [
            ("规上工业企业", 20, None, "家", "count", 2024, None, None),
            ("工业技改投资增长", 15, None, "%", "growth", 2024, None, None),
        ],
        id="county",
    ),
    pytest.param(
        "“十四五”期间累计新增规上工业企业500家。",
        [("规上工业企业", 500, None, "家", "cumulative", None, 2021, 2025)],
        id="five-year-plan-period",
    ),
    pytest.param(
        "到“十四五”末，全市高新技术企业达到1000家。",
        [("高新技术企业", 1000, None, "家", "count", 2025, None, None)],
        id="five-year-plan-end",
    ),
    pytest.param(
        "到2025年，规上工业企业研发机构覆盖率不低于50%，工业企业数字化研发设计工具普及率提高到80%。",
        [
            ("规上工业企业研发机构覆盖率", 50, None, "%", "share", 2025, None, None),
            ("工业企业数字化研发设计工具普及率", 80, None, "%", "share", 2025, None, None),
        ],
        id="not-below-and-raise-to",
    ),
    pytest.param(
        "到2025年，万元GDP能耗控制在0.45吨标准煤以内，数字经济核心产业增加值占GDP比重提高2个百分点。",
        [
            ("万元GDP能耗", 0.45, None, "吨标准煤", "level", 2025, None, None),
            ("数字经济核心产业增加值占GDP比重提高", 2, None, "百分点", "growth", 2025, None, None),
        ],
        id="cap-and-percentage-points",
    ),
    pytest.param(
        "2024年，力争全区规上工业总产值增长10%以上，新增“专精特新”企业15家、省级“瞪羚”企业5家。",
        [
            ("规上工业总产值增长", 10, None, "%", "growth", 2024, None, None),
            ("“专精特新”企业", 15, None, "家", "count", 2024, None, None),
            ("省级“瞪羚”企业", 5, None, "家", "count", 2024, None, None),
        ],
        id="district-annual-plan",
    ),
    pytest.param(
        "1. 培育市场主体。到2027年，规上工业企业数量达到600家(含新增150家)，营业收入超3000亿元。"
        "(牵头单位：市工信局；配合单位：市发改委、市统计局)",
        [
            ("规上工业企业数量", 600, None, "家", "count", 2027, None, None),
            ("营业收入", 3000, None, "亿元", "level", 2027, None, None),
        ],
        id="ascii-parentheses-lead-support",
    ),
    pytest.param(
        "（3）推进园区建设。到2027年，全区建成省级化工园区2个，园区亩均税收达到30万元。\n责任单位：区经信局",
        [
            ("省级化工园区", 2, None, "个", "count", 2027, None, None),
            ("园区亩均税收", 30, None, "万元", "level", 2027, None, None),
        ],
        id="fourth-level-numbering-responsibility-line",
    ),
    pytest.param(
        "到2025年，新增国家级绿色工厂2家、省级8家、市级20家；新增就业1.5万人。",
        [
            ("国家级绿色工厂", 2, None, "家", "count", 2025, None, None),
            ("省级绿色工厂", 8, None, "家", "count", 2025, None, None),
            ("市级绿色工厂", 20, None, "家", "count", 2025, None, None),
            ("就业", 15000, None, "人", "count", 2025, None, None),
        ],
        id="level-enumeration",
    ),
    pytest.param(
        "到2025年，力争全市数字经济核心产业增加值占地区生产总值比重达到10%，培育100个以上智能制造示范场景。",
        [
            ("数字经济核心产业增加值占地区生产总值比重", 10, None, "%", "share", 2025, None, None),
            ("智能制造示范场景", 100, None, "个", "count", 2025, None, None),
        ],
        id="quantity-before-metric",
    ),
    pytest.param(
        "推动产业集群发展，引导各县（市、区）打造2至3个百亿级产业集群。到2026年，建成省级以上创新平台20个。",
        [
            ("百亿级产业集群", 2, 3, "个", "count", None, 2023, 2025),
            ("省级以上创新平台", 20, None, "个", "count", 2026, None, None),
        ],
        id="range-not-dated-by-a-later-sentence",
    ),
]


@pytest.mark.parametrize(("text", "expected"), OTHER_STYLES)
def test_other_styles(text, expected):
    found = extract_targets(text, plan_period=PLAN_PERIOD)
    assert [brief(t) for t in found] == expected
    assert [t.ordinal for t in found] == list(range(1, len(found) + 1))
    for t in found:
        assert text[t.evidence.start : t.evidence.end] == t.evidence.phrase


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("支持3家化工园区和4个化工企业监控点做大做强。", id="object-of-support"),
        pytest.param(
            "到2025年，在工业制造等10大领域培育一批成熟的5G典型应用场景。", id="ten-fields"
        ),
        pytest.param(
            "以年营业收入500-2000万元的小微工业企业为重点培育对象，力争培育一批。",
            id="attribute-before-de",
        ),
        pytest.param("依托5G建设专班，统筹推进5G基站建设。", id="5g"),
        pytest.param(
            "全面贯彻党的二十大精神，落实“十四五”规划，编制《2023年工作要点》。",
            id="congress-titles",
        ),
        pytest.param(
            "编制实施《全市企业技术改造升级三年行动计划（2023-2025年）》。", id="title-with-years"
        ),
        pytest.param("目前，全市已培育专精特新企业120家。", id="present-state"),
        pytest.param("截至2022年底，全市规上工业企业达到1500家。", id="history-before-plan-period"),
        pytest.param("对新认定的国家级专精特新“小巨人”企业给予50万元奖励。", id="subsidy"),
        pytest.param(
            "鼓励企业开展技术改造，对设备投资额超过500万元的项目给予补助。",
            id="threshold-of-subsidy",
        ),
        pytest.param("全年组织10场对接活动，服务企业发展。", id="activity-without-goal-context"),
        pytest.param(
            "到2025年，培育壮大500亿级产业集群，打造千亿级产业基地。", id="size-classes-only"
        ),
        pytest.param("营商环境明显提升，综合实力显著增强。", id="vague-without-deadline"),
    ],
)
def test_non_targets(text):
    assert extract_targets(text, plan_period=PLAN_PERIOD) == []


# ------------------------------------------------------------------------------------------------
# Details
# ------------------------------------------------------------------------------------------------


def test_evidence_offsets_are_absolute_and_tolerate_spaces():
    text = "统筹推进 5G 基站建设，确保 2025 年 5G 基站总量突破 1.3 万个。"
    (t,) = extract_targets(text, 1000)
    assert t.evidence.phrase == "5G 基站总量突破 1.3 万个"
    assert t.evidence.start == 1000 + text.index("5G 基站总量")
    assert t.evidence.end == 1000 + text.index("。")
    assert (t.metric, t.value, t.unit, t.raw_value, t.year) == (
        "5G基站总量",
        13000,
        "个",
        "1.3 万个",
        2025,
    )


@pytest.mark.parametrize(
    ("text", "qualifiers"),
    [
        ("到2025年，力争规上企业达到80家以上。", ["力争", "以上"]),
        ("到2025年，确保营业收入突破1000亿元。", ["确保", "突破"]),
        ("到2025年，争取新增省级专精特新企业100多家。", ["争取", "新增", "多"]),
        ("到2025年，产业集群不少于5个。", ["不少于"]),
        ("每年新增高新技术企业约50家。", ["每年", "新增", "约"]),
        ("到2025年，综合能耗控制在200万吨标准煤以内。", ["以内"]),
    ],
)
def test_qualifiers_as_they_appear(text, qualifiers):
    (t,) = extract_targets(text)
    assert t.qualifiers == qualifiers


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("到2025年，化工企业入园率达到45%。", "share"),
        ("到2025年，化工园区产值占全行业80%。", "share"),
        ("到2025年，工业增加值年均增长8%。", "growth"),
        ("到2025年，工业投资增速达到10%。", "growth"),
        ("每年新增规上企业10家。", "annual"),
        ("到2025年，累计建成5G基站5000个。", "cumulative"),
        ("到2025年，规上企业达到80家。", "count"),
        ("到2025年，营业收入达到1600亿元。", "level"),
        ("到2025年，全员劳动生产率达到30万元。", "level"),
    ],
)
def test_kinds(text, kind):
    (t,) = extract_targets(text)
    assert t.kind == kind


def test_deadline_of_an_earlier_sentence_applies_when_the_sentence_has_none():
    text = "到2025年，规上企业达到80家。同时，营业收入达到1600亿元。"
    assert [t.year for t in extract_targets(text)] == [2025, 2025]


def test_no_deadline_takes_the_plan_period_only_when_given():
    text = "新建高标准农田10万亩。"
    (with_period,) = extract_targets(text, plan_period=(2021, 2025))
    (without,) = extract_targets(text)
    assert (with_period.year, with_period.period_start, with_period.period_end) == (
        None,
        2021,
        2025,
    )
    assert (without.year, without.period_start, without.period_end) == (None, None, None)


def test_history_is_kept_without_a_plan_period():
    (t,) = extract_targets("截至2022年底，全市规上工业企业达到1500家。")
    assert (t.metric, t.value, t.year) == ("规上工业企业", 1500, 2022)


def test_vague_targets_need_a_deadline_and_take_the_subject_as_metric():
    found = extract_targets("到2025年，全县工业经济综合实力位居全市前列，营商环境明显提升。")
    assert [(t.metric, t.vague, t.value, t.year) for t in found] == [
        ("工业经济综合实力", True, None, 2025),
        ("营商环境", True, None, 2025),
    ]
    assert [t.evidence.phrase for t in found] == [
        "工业经济综合实力位居全市前列",
        "营商环境明显提升",
    ]


def test_inverted_plan_period_is_refused():
    with pytest.raises(InputError, match="2025-2023"):
        extract_targets("到2025年，规上企业达到80家。", plan_period=(2025, 2023))


# ------------------------------------------------------------------------------------------------
# Forms of the genre beyond the sample (each a fragment written for its rule)
# ------------------------------------------------------------------------------------------------


def values(text: str) -> list[tuple[str, float | None]]:
    return [(t.metric, t.value) for t in extract_targets(text, plan_period=PLAN_PERIOD)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("年内建成120座以上的口袋公园。", [("口袋公园", 120)], id="count-yishang-de"),
        pytest.param(
            "到2025年，小麦播种、收获机械化率分别达到70%和60%。",
            [("小麦播种、收获机械化率", 70), ("小麦播种、收获机械化率", 60)],
            id="fenbie-two-values",
        ),
        pytest.param(
            "年内建成驿站80个、仓储点9座、分拣中心2个。",
            [("驿站", 80), ("仓储点", 9), ("分拣中心", 2)],
            id="enumeration-after-one-verb",
        ),
        pytest.param("修复40座小游园。", [("小游园", 40)], id="verb-without-daoda"),
        pytest.param("成立12支应急抢修队伍。", [("应急抢修队伍", 12)], id="teams"),
        pytest.param(
            "新建500亩以上苗木基地3个。",
            [("500亩以上苗木基地", 3)],
            id="threshold-is-not-the-value",
        ),
        pytest.param(
            "确保完成“新增80个社区食堂”的年度目标。", [("社区食堂", 80)], id="goal-in-quotes"
        ),
        pytest.param(
            "力争工业总产值突破三千亿元，打造八个特色小镇。",
            [("工业总产值", 3000), ("特色小镇", 8)],
            id="chinese-numerals",
        ),
        pytest.param(
            "培育形成3个百亿级产业园和5个五十亿级产业园。",
            [("百亿级产业园", 3), ("五十亿级产业园", 5)],
            id="conjoined-objects",
        ),
        pytest.param(
            "推进滨江绿道、城北公园等12个重点项目建设。",
            [("重点项目建设", 12)],
            id="scope-count-after-deng",
        ),
        pytest.param(
            "3.完成老旧小区改造20万平方米。", [("老旧小区改造", 20)], id="item-number-first"
        ),
        pytest.param(
            "到2026年底，30平方公里以上建成区达到标准。",
            [("建成区达到标准", 30)],
            id="dated-quantity-opens-clause",
        ),
    ],
)
def test_genre_forms(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize(("cell", "value"), [("250项", 250), ("1200万吨左右", 1200)])
def test_a_table_cell_holding_only_a_value_is_a_target(cell, value):
    (t,) = extract_targets(cell, 40, plan_period=PLAN_PERIOD)
    assert t.value == value
    assert (t.evidence.start, t.evidence.phrase) == (40, cell)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("数以万计的青年，三区三线，一个窗口，五分之一的企业。", id="chinese-figures"),
        pytest.param("加快南区、北区等220千伏变电站建设。", id="voltage-class"),
        pytest.param("对年产值2000万元以上的企业给予支持。", id="amount-threshold-de"),
        pytest.param("对已签约5亿元、8亿元以上项目实施专班推进。", id="selection-thresholds"),
    ],
)
def test_more_non_targets(text):
    assert extract_targets(text, plan_period=PLAN_PERIOD) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "到2027年，全区绿地面积共计18.5平方公里达到标准。",
            [("绿地面积", 18.5)],
            id="metric-gongji-quantity",
        ),
        pytest.param(
            "到2030年，城区排水系统达到5-10年一遇排水能力。",
            [("排水能力", 5)],
            id="return-period-after-daoda",
        ),
        pytest.param(
            "完成新建绿地30公顷的年度任务。", [("新建绿地", 30)], id="quantity-de-goal-noun"
        ),
        pytest.param(
            "每年增加2个试点，安排不低于800万元引导资金。",
            [("试点", 2), ("引导资金", 800)],
            id="change-verb-and-bound-before-object",
        ),
    ],
)
def test_more_genre_forms(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "对仓储面积3000平方米以上、年交易额达500万元以上的企业给予奖励。", id="eligibility"
        ),
        pytest.param("对每月用电量在20万千瓦时以上的用户实行优惠。", id="selection-bound"),
    ],
)
def test_eligibility_bounds_are_not_targets(text):
    assert extract_targets(text, plan_period=PLAN_PERIOD) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "确保下达200万亩节水灌溉建设任务。",
            [("节水灌溉建设任务", 200)],
            id="xiada-is-a-goal-verb-not-da",
        ),
        pytest.param("年内启动8个老旧街区改造项目。", [("老旧街区改造项目", 8)], id="qidong-count"),
        pytest.param(
            "实现60个以上审批事项“一次办”。",
            [("审批事项“一次办”", 60)],
            id="shixian-count",
        ),
        pytest.param(
            "为入驻机构提供总计5万平方米的办公用房。",
            [("办公用房", 5)],
            id="lead-qualifier-between-verb-and-amount-de",
        ),
        pytest.param(
            "市财政安排资金12亿元充实创业投资基金。",
            [("资金", 12)],
            id="amount-followed-by-its-purpose",
        ),
        pytest.param(
            "安排产业专项资金40%以上用于技术改造。",
            [("产业专项资金", 40)],
            id="share-followed-by-its-purpose",
        ),
        pytest.param(
            "2024年,市财政安排稳岗补助资金8亿元以上。",
            [("稳岗补助资金", 8)],
            id="subsidy-fund-total-is-a-budget",
        ),
        pytest.param(
            "全年扶持青年创业项目300个左右、5000名以上大学生就业。",
            [("扶持青年创业项目", 300), ("大学生就业", 5000)],
            id="quanni-goal-context-and-list-after-closing-count",
        ),
        pytest.param(
            "计划2025年推进东片区（3.1平方公里）、西片区（2.4平方公里），共计5.5平方公里片区更新。",
            [("片区更新", 5.5)],
            id="jihua-deadline-and-lead-qualified-total",
        ),
    ],
)
def test_verb_forms_without_dadao(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("对入选项目给予最高300万元资助。", id="award-per-beneficiary"),
        pytest.param("推进总投资5亿元以上的重大项目。", id="amount-bound-with-de-selects"),
        pytest.param("对活动按实际支出的30%给予支持。", id="share-of-cost-is-an-award"),
    ],
)
def test_awards_and_selection_bounds_stay_out(text):
    assert extract_targets(text, plan_period=PLAN_PERIOD) == []
