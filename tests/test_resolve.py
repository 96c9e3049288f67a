"""Resolving what a user types to one entity."""

from __future__ import annotations

import pytest

from plankg.errors import NotFound
from plankg.ingest.entities import industry_vocab
from plankg.resolve import Candidate, name_keys, normalise_ref, resolve


@pytest.fixture(scope="module")
def industries() -> list[Candidate]:
    return industry_vocab().candidates()


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("Non-Ferrous", "nonferrous"),
        ("  NON_FERROUS metals ", "nonferrousmetals"),
        ("ＮＯＮＦＥＲＲＯＵＳ", "nonferrous"),  # full-width
        ("有色金屬", "有色金属"),  # traditional
        ("原材料产业科（技改）", "原材料产业科(技改)"),
        ("", ""),
    ],
)
def test_normalise_ref(raw, normal):
    assert normalise_ref(raw) == normal


def test_name_keys_hold_every_form_a_user_may_type():
    keys = name_keys("有色金属产业", "Nonferrous metals", ["有色", "non-ferrous"])
    assert {
        "有色金属产业",
        "nonferrousmetals",
        "有色",
        "nonferrous",
        "youse",
        "ys",
        "yousejinshuchanye",
        "ysjscy",
    } <= keys
    assert "" not in keys


@pytest.mark.parametrize(
    "ref",
    [
        "Nonferrous",
        "non-ferrous",
        "NONFERROUS",
        "有色",
        "有色金属",
        "有色金属产业",
        "youse",
        "YouSe",
        "有色金屬",
        "non ferrous metals",
        "nonferrous",
    ],
)
def test_every_spelling_reaches_the_nonferrous_industry(industries, ref):
    found = resolve(ref, industries)
    assert isinstance(found, Candidate) and found.id == "nonferrous"


@pytest.mark.parametrize(
    ("ref", "key"),
    [
        ("Chemicals", "chemicals"),
        ("化工", "chemicals"),
        ("fine chemicals", "fine_chemicals"),
        ("NEV", "new_energy_vehicles"),
        ("xinnengyuanqiche", "new_energy_vehicles"),
        ("铝单板", "aluminium_processing"),
        ("现代轻纺", "modern_light_textiles"),
    ],
)
def test_other_industries_and_chains(industries, ref, key):
    assert resolve(ref, industries).id == key


def test_ambiguous_short_key_returns_every_candidate(industries):
    found = resolve("ys", industries)  # 有色 (youse) and 印刷 (yinshua)
    assert isinstance(found, list)
    assert {c.id for c in found} == {"nonferrous", "paper_printing"}


def test_unknown_name_raises_not_found_with_closest_suggestions(industries):
    with pytest.raises(NotFound) as caught:
        resolve("nonferous metal", industries)
    error = caught.value
    assert 0 < len(error.suggestions) <= 5
    assert error.suggestions[0] == "有色金属产业 (Nonferrous metals)"
    assert "nonferous metal" in error.one_line()


def test_empty_reference_is_not_found():
    with pytest.raises(NotFound):
        resolve("  ", [Candidate(id="a", label="Office", name_zh="技改办")])


def test_candidate_id_is_a_key_and_duplicates_collapse():
    office = Candidate(
        id="office:jgb", label="Office", name_zh="技改办", name_en="Technical Renovation Office"
    )
    assert resolve("office:jgb", [office, office]) is office
    assert resolve("jgb", [office]) is office


@pytest.mark.parametrize(
    ("ref", "expected_id"),
    [
        ("铝加工", "alu"),  # 铝加工产业链 without its category word
        ("lvjiagong", "alu"),  # pinyin of the short form
        ("有色金属", "nf"),
    ],
)
def test_a_name_without_its_category_word_resolves(ref, expected_id):
    pool = [
        Candidate("alu", "Chain", "铝加工产业链", "Aluminium processing"),
        Candidate("nf", "Industry", "有色金属产业", "Nonferrous metals"),
        Candidate("cu", "Chain", "铜加工产业链", "Copper processing"),
    ]
    assert resolve(ref, pool).id == expected_id


def test_a_full_name_wins_over_a_shortened_one():
    pool = [
        Candidate("steel-ind", "Industry", "钢铁", "Steel"),
        Candidate("steel-chain", "Chain", "钢铁产业链", "Steel chain"),
    ]
    assert resolve("钢铁", pool).id == "steel-ind"
