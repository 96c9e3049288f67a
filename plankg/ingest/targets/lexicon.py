"""The target vocabularies (``units``, ``target_words``) compiled once: units by written
form, scale words, Chinese numerals, and the word sets and patterns the other modules match."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from plankg.ingest.wordscan import LongestWords
from plankg.vocab import load_vocab


@dataclass(frozen=True)
class _Unit:
    name: str
    en: str
    category: str


class _WordSet:
    """Words found by the text ending or starting at a position, longest first.

    A few slices and set look-ups per position instead of a ``startswith`` per word.
    """

    def __init__(self, words: list[str]) -> None:
        self.words = frozenset(words)
        self.lengths = tuple(sorted({len(w) for w in self.words}, reverse=True))

    def start_of_word_ending_at(self, s: str, start: int, end: int) -> int | None:
        """Where the longest word ending at ``end`` and starting at or after ``start`` begins."""
        for length in self.lengths:
            if end - length >= start and s[end - length : end] in self.words:
                return end - length
        return None

    def starting_at(self, s: str, pos: int) -> str | None:
        """The longest word ``s`` has at ``pos``."""
        for length in self.lengths:
            if s[pos : pos + length] in self.words:
                return s[pos : pos + length]
        return None


@dataclass(frozen=True)
class _Lexicon:
    unit_by_form: dict[str, _Unit]
    unit_forms: LongestWords
    scales: dict[str, Decimal]
    implied_units: dict[str, str]
    chinese_digits: dict[str, int]
    chinese_multipliers: dict[str, int]
    words: dict[str, Any]
    qualifier_re: re.Pattern[str]
    vague_res: tuple[re.Pattern[str], ...]
    context_prefix_re: re.Pattern[str]
    lead_qualifier_re: re.Pattern[str]
    object_verb_re: re.Pattern[str]
    five_year_re: re.Pattern[str]
    level_prefix_re: re.Pattern[str]  # 国家级 / 省级及以上 at the start of a metric
    goal_context_re: re.Pattern[str]  # aspiration or recurring words
    status_re: re.Pattern[str]
    subsidy_re: re.Pattern[str]
    post_qualifiers: _WordSet
    metric_trailers: _WordSet
    goal_nouns: _WordSet
    goal_noun_modifiers: _WordSet
    selection_openers: _WordSet
    pre_modifiers: _WordSet
    predicate_verbs: _WordSet
    change_verbs: _WordSet
    object_verbs: _WordSet
    purpose_verbs: _WordSet


def _longest_first(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=len, reverse=True))


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in _longest_first(words))


@cache
def _lexicon() -> _Lexicon:
    units = load_vocab("units")
    words = load_vocab("target_words")
    unit_by_form: dict[str, _Unit] = {}
    for entry in units["units"]:
        unit = _Unit(entry["unit"], entry["en"], entry["category"])
        for form in entry.get("forms", [entry["unit"]]):
            unit_by_form[form] = unit
    five_year = _alternation(list(words["five_year_plans"]))
    five_year_re = re.compile(rf"[“\"]?({five_year})[”\"]?(期间|时期|末|内)?")
    deadline_prefix = r"(?:到|至|截至|截止到?)?\d{4}年(?:底|末)?前?"
    period_prefix = r"\d{4}年?[-－—–~～至到]\d{4}年(?:期间|间|内)?"
    context_words = words["aspiration_words"] + words["scope_words"] + words["lead_in_words"]
    # an item's own number (4. / （3） / 二、) opens its first clause
    item_number = r"(?:\d{1,3}[.．、](?!\d)|[（(][\d一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)"
    context_prefix_re = re.compile(
        rf"(?:{item_number}|{period_prefix}|{deadline_prefix}|{five_year_re.pattern}"
        rf"|{_alternation(context_words)}|[、，,；;：:])"
    )
    return _Lexicon(
        unit_by_form=unit_by_form,
        unit_forms=LongestWords(unit_by_form),
        scales={k: Decimal(v) for k, v in units["scales"].items()},
        implied_units=units["implied_units"],
        chinese_digits=units["chinese_digits"],
        chinese_multipliers=units["chinese_multipliers"],
        words=words,
        qualifier_re=re.compile(_alternation(words["qualifiers"])),
        vague_res=tuple(re.compile(p) for p in words["vague_patterns"]),
        context_prefix_re=context_prefix_re,
        lead_qualifier_re=re.compile(_alternation(words["lead_qualifiers"])),
        object_verb_re=re.compile(_alternation(words["object_verbs"])),
        five_year_re=five_year_re,
        level_prefix_re=re.compile(
            rf"(?:{_alternation(words['level_words'])})+"
            rf"(?:{_alternation(words['level_suffixes'])})?"
        ),
        goal_context_re=re.compile(
            _alternation(words["aspiration_words"] + words["recurring_words"])
        ),
        status_re=re.compile(_alternation(words["status_markers"])),
        # 补助资金 / 奖补基金 name a fund: its total is a budget, not an award to each beneficiary
        subsidy_re=re.compile(
            f"(?:{_alternation(words['subsidy_words'])})(?!{_alternation(words['fund_nouns'])})"
        ),
        post_qualifiers=_WordSet(words["post_qualifiers"]),
        metric_trailers=_WordSet(words["metric_trailers"]),
        goal_nouns=_WordSet(words["goal_nouns"]),
        goal_noun_modifiers=_WordSet(words["goal_noun_modifiers"]),
        selection_openers=_WordSet(words["selection_openers"]),
        pre_modifiers=_WordSet(words["pre_modifiers"]),
        predicate_verbs=_WordSet(words["predicate_verbs"]),
        change_verbs=_WordSet(words["change_verbs"]),
        object_verbs=_WordSet(words["object_verbs"]),
        purpose_verbs=_WordSet(words["purpose_verbs"]),
    )
