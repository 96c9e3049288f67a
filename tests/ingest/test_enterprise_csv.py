"""Enterprise CSV -> validated rows, or every bad line reported at once."""

from __future__ import annotations

import re

import pytest

from plankg.errors import EnterpriseDataError, UndecodableText
from plankg.ingest import sample_path
from plankg.ingest.enterprises import (
    map_columns,
    normalise_role,
    parse_enterprise_csv,
    read_enterprise_file,
    resolve_concept_term,
    resolve_region,
)

EXAMPLE = sample_path().parents[1] / "examples" / "enterprises.csv"


def test_example_file_reads():
    data = read_enterprise_file(EXAMPLE)
    assert [(r.name, r.concept.key, r.concept.kind, r.role, r.region) for r in data.rows] == [
        ("华信铝业集团有限公司", "aluminium_processing", "chain", "链主", "茌平区"),
        ("鲁润精细化工股份有限公司", "fine_chemicals", "chain", "龙头", "东昌府区"),
        ("恒达轴承有限公司", "bearings", "chain", "链主", "临清市"),
        ("金禾纸业有限公司", "paper_printing", "industry", "龙头", "高唐县"),
    ]
    assert data.rows[0].line == 2


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (["企业名称", "产业链", "角色", "区县"], {"name": 0, "concept": 1, "role": 2, "region": 3}),
        (["Name", "Chain", "Role"], {"name": 0, "concept": 1, "role": 2}),
        (
            ["region", " industry ", "ROLE", "enterprise"],
            {"region": 0, "concept": 1, "role": 2, "name": 3},
        ),
        (["序号", "企业", "行业", "定位"], {"name": 1, "concept": 2, "role": 3}),
    ],
)
def test_header_names_in_chinese_or_english(header, expected):
    assert map_columns(header) == expected


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_encodings(encoding):
    text = "企业名称,产业链,角色,区县\n星河光电有限公司,光通信产业链,龙头企业,\n"
    data = parse_enterprise_csv(text.encode(encoding), "leaders.csv")
    assert [(r.name, r.concept.key, r.role, r.region) for r in data.rows] == [
        ("星河光电有限公司", "optical_communication", "龙头", None)
    ]


def test_every_bad_line_is_reported_with_its_number():
    text = (
        "name,chain,role,region\n"
        "甲公司,有色金属,链主,茌平\n"
        "\n"
        "乙公司,量子纠缠产业链,链主,\n"
        ",化工,龙头,\n"
        "丙公司,化工,老大,火星县\n"
    )
    with pytest.raises(EnterpriseDataError) as raised:
        parse_enterprise_csv(text.encode(), "leaders.csv")
    error = raised.value
    assert error.details["errors"] == [
        "line 4: unknown industry or chain '量子纠缠产业链'",
        "line 5: empty enterprise name",
        "line 6: unknown role '老大' (expected one of 链主、龙头、领军、骨干、头部、领航、链长)",
        "line 6: unknown county/district '火星县'",
    ]
    assert error.one_line().startswith("leaders.csv: 4 invalid row(s), nothing loaded: line 4:")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "leaders.csv: no rows"),
        ("企业名称,角色\n甲公司,链主\n", "leaders.csv: line 1: missing column(s) concept"),
        ("企业名称,产业链,角色\n", "leaders.csv: a header but no data rows"),
    ],
)
def test_unusable_files(text, message):
    with pytest.raises(EnterpriseDataError, match=re.escape(message)):
        parse_enterprise_csv(text.encode(), "leaders.csv")


def test_binary_file():
    with pytest.raises(UndecodableText, match=r"leaders\.csv: not a UTF-8 or GB18030 text CSV"):
        parse_enterprise_csv(bytes(range(256)) * 4, "leaders.csv")


@pytest.mark.parametrize(
    ("term", "key"),
    [
        ("有色金属产业", "nonferrous"),
        ("有色金属产业链", "nonferrous_chain"),
        ("铝加工产业链", "aluminium_processing"),
        ("光通信", "optical_communication"),
        ("Nonferrous", "nonferrous"),
        ("量子纠缠", None),
    ],
)
def test_concept_terms(term, key):
    entry = resolve_concept_term(term)
    assert (entry.key if entry else None) == key


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("链主", "链主"),
        ("链主企业", "链主"),
        (" 龙头 ", "龙头"),
        ("领军型企业", "领军"),
        ("企业", None),
    ],
)
def test_roles(role, expected):
    assert normalise_role(role) == expected


@pytest.mark.parametrize(
    ("ref", "expected"),
    [("茌平区", "茌平区"), ("茌平", "茌平区"), ("新华区", "新华区"), ("火星县", None)],
)
def test_regions(ref, expected):
    assert resolve_region(ref) == expected
