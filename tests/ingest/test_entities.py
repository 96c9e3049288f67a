"""Industries, chains, enterprises, parks, regions and cited documents found in plan text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plankg.ingest.entities import extract_mentions, home_region_of, industry_vocab
from plankg.models import Mention
from plankg.vocab import load_vocab

SAMPLE = "plankg/data/sample/liaocheng_miit_2023_48.txt"
LIAOCHENG = "聊城市"


@pytest.fixture(scope="module")
def sample_text() -> str:
    raw = (Path(__file__).resolve().parents[2] / SAMPLE).read_text(encoding="utf-8")
    return raw.replace("**", "")  # as the reader does: bold markers are not text


def block(text: str, start_marker: str, end_marker: str) -> tuple[str, int]:
    start = text.index(start_marker)
    return text[start : text.index(end_marker, start)], start


def keys(mentions: list[Mention], kind: str) -> set[str]:
    return {m.key for m in mentions if m.kind == kind}


def by_key(mentions: list[Mention], key: str) -> Mention:
    return next(m for m in mentions if m.key == key)


def assert_evidence_is_exact(mentions: list[Mention], full_text: str) -> None:
    for m in mentions:
        assert full_text[m.evidence.start : m.evidence.end] == m.evidence.phrase, m


# ----------------------------------------------------------------------------- the sample


def test_nonferrous_item(sample_text):
    text, start = block(sample_text, "1. 有色金属产业", "2. 绿色化工产业")
    found = extract_mentions(text, start, home_region=LIAOCHENG)
    assert_evidence_is_exact(found, sample_text)
    assert "nonferrous" in keys(found, "industry")
    aluminium = by_key(found, "aluminium_processing")
    assert aluminium.kind == "chain" and aluminium.parent == "nonferrous"
    assert {m.name for m in found if m.kind == "park"} == {
        "茌平千亿铝精深加工产业园区",
        "东阿百亿铝单板产业园区",
        "阳谷铜及铜深加工产业集群",
        "临清市铜管型材产业园区",
    }
    assert by_key(found, "茌平千亿铝精深加工产业园区").parent == "茌平区"
    assert by_key(found, "阳谷铜及铜深加工产业集群").role == "cluster"
    regions = {m.evidence.phrase: m.name for m in found if m.kind == "region"}
    assert regions == {"茌平": "茌平区", "东阿": "东阿县", "临清市": "临清市", "阳谷": "阳谷县"}
    assert keys(found, "document") == {"关于支持有色金属深加工产业高质量发展的若干措施"}


def test_chain_named_by_its_marked_suffix_is_the_aluminium_chain(sample_text):
    text, start = block(sample_text, "打造铝加工标志性产业链", "，")
    (chain,) = [m for m in extract_mentions(text, start) if m.kind == "chain"]
    assert chain.key == "aluminium_processing"
    assert chain.evidence.phrase == "铝加工标志性产业链"


def test_digital_core_item_reads_each_industry_of_the_list(sample_text):
    text, start = block(sample_text, "以做强、做大、做优、做专、做实", "（九）")
    found = extract_mentions(text, start, home_region=LIAOCHENG)
    assert_evidence_is_exact(found, sample_text)
    assert {"nonferrous", "chemicals", "building_materials", "textiles", "light_industry"} <= keys(
        found, "industry"
    )
    assert by_key(found, "nonferrous").evidence.phrase == "有色"
    assert by_key(found, "light_industry").evidence.phrase == "轻工"
    it_chain = by_key(found, "new_gen_it_chain")
    assert it_chain.kind == "chain" and it_chain.parent == "new_gen_it"


def test_other_industries_item(sample_text):
    text, start = block(sample_text, "黑色金属产业，大力培育", "（三）实施集群提升攻坚行动")
    found = extract_mentions(text, start, home_region=LIAOCHENG)
    assert_evidence_is_exact(found, sample_text)
    assert {
        "ferrous",
        "agri_food",
        "building_materials",
        "equipment",
        "automobiles",
        "textiles",
        "new_energy_vehicles",
        "paper_printing",
        "biomedicine",
    } <= keys(found, "industry")
    assert "bearings" in keys(found, "chain")
    (enterprise,) = [m for m in found if m.kind == "enterprise"]
    assert (enterprise.name, enterprise.role, enterprise.parent) == (
        "中通客车",
        "龙头",
        "new_energy_vehicles",
    )


def test_digital_empowerment_item_lists_two_chains(sample_text):
    text, start = block(sample_text, "推进工业互联网平台提质增量", "。")
    chains = {m.key: m for m in extract_mentions(text, start) if m.kind == "chain"}
    assert chains["ferrous_chain"].parent == "ferrous"
    assert chains["modern_light_textiles_chain"].parent == "modern_light_textiles"
    assert chains["ferrous_chain"].evidence.phrase == "黑色金属"


def test_sample_yields_few_unresolved_terms(sample_text):
    found = extract_mentions(sample_text, 0, home_region=LIAOCHENG)
    unresolved = sorted(m.name for m in found if not m.resolved)
    assert unresolved == ["乡村产业"]


@pytest.mark.parametrize(
    "generic",
    [
        "持续开展“巡链”、“诊链”、产业链招商等活动",
        "打造自主可控、安全可靠的产业链供应链",
        "精心选择强链补链“合伙人”，充分发挥链主企业牵引带动作用",
        "强化对我市重点产业链的深度梳理",
        "发挥优势产业吸纳就业作用",
        "壮大县域特色骨干产业",
        "过千亿级产业4个、500亿级产业1个",
        "推动传统产业和新兴产业协同发展，支持相关产业、其它产业",
        "支持 3 家化工园区做大做强，推进化工园区整治提升",
        "培育特色产业集群，引导市属开发区集中打造百亿级主导产业集群",
        "培育营业收入过1000亿元企业集团1家",
        "培育一批行业龙头企业",
    ],
)
def test_generic_words_are_not_entities(generic):
    assert extract_mentions(generic) == []


# ----------------------------------------------------------------------------- other plans


JIANGSU = (
    "（三）壮大集成电路、生物医药、新能源汽车产业链。围绕集成电路产业链招引项目，做强"
    "华虹半导体（无锡）有限公司等链主企业，支持无锡高新区建设。前瞻布局低空经济产业链。"
    "（责任单位：市工信局、市发改委）"
)


def test_jiangsu_style_chains_enterprise_and_unknown_chain():
    found = extract_mentions(JIANGSU, 100, home_region="无锡市")
    assert_evidence_is_exact([_shift(m, -100) for m in found], JIANGSU)
    chains = {m.key: m for m in found if m.kind == "chain"}
    assert {"integrated_circuits", "biomedicine_chain", "new_energy_vehicles_chain"} <= set(chains)
    assert chains["biomedicine_chain"].parent == "biomedicine"
    low_altitude = chains["低空经济产业链"]
    assert not low_altitude.resolved and low_altitude.name == "低空经济产业链"
    enterprise = by_key(found, "华虹半导体(无锡)有限公司")
    assert (enterprise.name, enterprise.role, enterprise.parent) == (
        "华虹半导体（无锡）有限公司",
        "链主",
        "integrated_circuits",
    )
    park = next(m for m in found if m.kind == "park")
    assert (park.name, park.role, park.parent) == ("无锡高新区", "development_zone", "无锡市")


def _shift(m: Mention, by: int) -> Mention:
    return m.model_copy(
        update={
            "evidence": m.evidence.model_copy(
                update={"start": m.evidence.start + by, "end": m.evidence.end + by}
            )
        }
    )


GUANGDONG = (
    "(1)培育发展战略性产业集群。重点发展新一代电子信息、绿色石化、智能家电、先进材料、"
    "软件与信息服务、超高清视频显示、生物医药与健康、现代农业与食品等战略性支柱产业集群。"
    "(牵头单位:省工业和信息化厅;配合单位:省发展改革委)"
)


def test_guangdong_style_enumeration_with_ascii_parentheses():
    found = extract_mentions(GUANGDONG)
    sectors = keys(found, "industry") | keys(found, "chain")
    assert {
        "electronic_information",
        "petrochemicals",
        "light_industry",
        "new_materials",
        "software",
        "new_display",
        "biomedicine",
        "modern_agriculture",
        "agri_food",
    } <= sectors
    assert by_key(found, "petrochemicals").evidence.phrase == "石化"
    assert [m for m in found if m.kind == "park"] == []


def test_county_plan_matches_its_own_place_and_lists_enterprises():
    issuer = "阳谷县工业和信息化局"
    home = home_region_of(issuer)
    assert home == "阳谷县"
    text = "支持阳谷经济开发区建设，做强祥光铜业、凤祥股份等龙头企业，发展铜精深加工产业。"
    found = extract_mentions(text, home_region=home)
    park = by_key(found, "阳谷经济开发区")
    assert (park.role, park.parent) == ("development_zone", "阳谷县")
    enterprises = {m.name: m for m in found if m.kind == "enterprise"}
    assert set(enterprises) == {"祥光铜业", "凤祥股份"}
    assert {m.role for m in enterprises.values()} == {"龙头"}
    assert {m.parent for m in enterprises.values()} == {"copper_processing"}


@pytest.mark.parametrize(
    ("text", "home"),
    [
        ("支持东阿阿胶产业园区建设", "济南市"),  # 东阿 is a county of 聊城市, not of 济南市
        ("推进市和县两级联动，优化城区布局", LIAOCHENG),  # 和县 / 城区 are ordinary words here
        ("支持新华制药扩大产能", LIAOCHENG),  # 新华区 exists in several cities, none in 聊城市
        ("建设冀鲁豫区域重要的绿色建材基地，加强沿黄地区交流合作，服务黄河流域发展", LIAOCHENG),
    ],
)
def test_place_names_do_not_fire_outside_their_home(text, home):
    assert keys(extract_mentions(text, home_region=home), "region") == set()


WEI_AND_WEI = "支持魏县、威县发展特色产业"  # two counties whose names are ordinary words elsewhere
FOUND_AT_HOME = {
    "邯郸市": {"魏县": "邯郸市"},
    "邢台市": {"威县": "邢台市"},
    "魏县": {"魏县": "邯郸市"},
    None: {},
}


@pytest.mark.parametrize(
    "homes",
    [
        ("邯郸市", "邢台市", "邯郸市", None),
        (None, "邢台市", "魏县", "邯郸市"),
    ],
)
def test_home_only_county_names_follow_the_home_of_each_plan(homes):
    # Plans from many homes are read one after another: what one home allows must not leak.
    for home in homes:
        found = {
            m.evidence.phrase: m.parent
            for m in extract_mentions(WEI_AND_WEI, home_region=home)
            if m.kind == "region"
        }
        assert found == FOUND_AT_HOME[home], home


def test_full_county_names_match_anywhere_and_former_names_reach_the_current_division():
    found = extract_mentions("支持临清市、茌平县、东昌府区和昆山市发展")
    names = {m.evidence.phrase: (m.name, m.key, m.parent) for m in found if m.kind == "region"}
    assert names == {
        "临清市": ("临清市", "371581", "聊城市"),
        "茌平县": ("茌平区", "371503", "聊城市"),
        "东昌府区": ("东昌府区", "371502", "聊城市"),
        "昆山市": ("昆山市", "320583", "苏州市"),
    }


def test_ambiguous_district_is_kept_unresolved_outside_its_home():
    (region,) = extract_mentions("在新华区建设示范园")
    assert (region.kind, region.resolved) == ("region", False)
    (at_home,) = extract_mentions("在新华区建设示范园", home_region="石家庄市")
    assert at_home.resolved and at_home.parent == "石家庄市"


def test_unknown_industry_kept_unresolved_and_vocab_words_inside_are_not_doubled():
    found = extract_mentions("培育低空经济产业和银发经济行业，做优汽车电子设备产业")
    unresolved = {m.name for m in found if not m.resolved}
    assert unresolved == {"低空经济产业", "银发经济行业"}
    assert "automotive_electronics" in keys(found, "chain")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("（电子信息产业科负责）", set()),  # an office of the bureau, not the industry
        ("（工业互联网科、装备产业科分别负责）", set()),
        ("市化工专项行动办各工作组", set()),
        ("化工企业入园率达到45%", set()),
        ("推动钢管产业由低碳无缝钢管向合金管转变", {"steel_pipes"}),
        ("推动农机及高端装备产业发展", {"agricultural_machinery", "equipment"}),
        ("发展5G、工业互联网等", {"5g", "industrial_internet"}),
        ("5G基站总量突破1.3万个", set()),
        ("推进15G实验", set()),
    ],
)
def test_short_words_need_a_list_or_an_industry_suffix(text, expected):
    found = extract_mentions(text)
    assert keys(found, "industry") | keys(found, "chain") == expected


def test_documents_nested_quotes_and_offsets():
    text = "落实《关于印发〈制造业数字化转型行动方案〉的通知》和《“十四五”工业发展规划》要求"
    docs = [m for m in extract_mentions(text, 10) if m.kind == "document"]
    assert [d.key for d in docs] == [
        "关于印发〈制造业数字化转型行动方案〉的通知",
        "“十四五”工业发展规划",
    ]
    assert docs[0].evidence.start == 10 + text.index("《")
    assert docs[0].evidence.phrase.startswith("《") and docs[0].evidence.phrase.endswith("》")


def test_text_inside_a_cited_title_names_nothing_else():
    found = extract_mentions("编制《聊城市新能源汽车产业发展规划》")
    assert [m.kind for m in found] == ["document"]


def test_one_mention_per_entity_with_its_first_evidence():
    found = extract_mentions("发展生物医药产业。生物医药企业达到50家。")
    (medicine,) = [m for m in found if m.key == "biomedicine"]
    assert medicine.evidence.start == 2


@pytest.mark.parametrize(
    ("issuer", "home"),
    [
        ("聊城市工业和信息化局", "聊城市"),
        ("山东省聊城市临清市工业和信息化局", "临清市"),
        ("江苏省工业和信息化厅", "江苏省"),
        ("冠县工业和信息化局", "冠县"),
        ("聊城工信局", "聊城市"),
        ("工业和信息化局", None),
        (None, None),
    ],
)
def test_home_region_of_issuer(issuer, home):
    assert home_region_of(issuer) == home


# ----------------------------------------------------------------------------- the vocabularies


def test_industry_vocab_is_consistent():
    vocab = industry_vocab()
    data = load_vocab("industries")
    assert data["version"] and len(vocab.entries) == len(data["entries"])
    owners: dict[str, str] = {}
    for entry in vocab.entries.values():
        assert re.fullmatch(r"[a-z0-9_]+", entry.key)
        assert entry.name_en and entry.kind in ("industry", "chain")
        if entry.kind == "chain":
            assert vocab.entries[entry.parent].kind == "industry"
        for surface in (entry.stem, *entry.zh_aliases, *entry.short_aliases):
            assert owners.setdefault(surface, entry.key) == entry.key, surface


@pytest.mark.parametrize(
    ("term", "key"),
    [
        ("有色金属产业", "nonferrous"),
        ("有色", "nonferrous"),
        ("non-ferrous metals", "nonferrous"),
        ("铝单板", "aluminium_processing"),
        ("精细化工产业链", "fine_chemicals"),
        ("纺织服装行业", "textiles"),
        ("NEV", "new_energy_vehicles"),
    ],
)
def test_industry_lookup(term, key):
    assert industry_vocab().lookup(term).key == key


def test_lookup_of_unknown_term_is_none():
    assert industry_vocab().lookup("低空经济") is None


def test_regions_vocab_records_its_source():
    data = load_vocab("regions")
    assert data["version"] and "cpca" in data["source"]["current"]
    assert len(data["regions"]) > 3000


def _company_names(count: int) -> list[str]:
    """Distinct made-up company names: two cyclic characters before 科技有限公司."""
    chars = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉"
    return [a + b + "科技有限公司" for a in chars for b in chars][:count]


def test_long_enterprise_lists_lead_the_sector_of_their_own_sentence():
    names = _company_names(340)
    sectors = ["集成电路产业链", "生物医药产业", "新能源汽车产业链"]
    text = (
        "".join(
            f"围绕{sector}，做强{'、'.join(names[i * 100 : (i + 1) * 100])}等链主企业。"
            for i, sector in enumerate(sectors)
        )
        + f"支持{'、'.join(names[300:])}等企业。"
    )
    parents = {m.name: m.parent for m in extract_mentions(text) if m.kind == "enterprise"}
    assert len(parents) == 340
    expected = ["integrated_circuits", "biomedicine", "new_energy_vehicles_chain"]
    for i, parent in enumerate(expected):
        assert {parents[name] for name in names[i * 100 : (i + 1) * 100]} == {parent}
    # the last sentence names no sector: its enterprises lead none, not the previous one's
    assert {parents[name] for name in names[300:]} == {None}


def test_enterprise_leads_the_nearest_sector_of_its_sentence():
    text = (
        "支持生物医药产业发展，培育甲药业集团有限公司、乙康生物有限公司等龙头企业，"
        "新能源汽车产业链引进丙动力有限公司。"
    )
    parents = {m.name: m.parent for m in extract_mentions(text) if m.kind == "enterprise"}
    assert parents == {
        "甲药业集团有限公司": "biomedicine",
        "乙康生物有限公司": "new_energy_vehicles_chain",
        "丙动力有限公司": "new_energy_vehicles_chain",
    }
