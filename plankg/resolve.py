"""Turn what a user types (``Nonferrous``, ``有色``, ``youse``) into one graph entity.

Every name is reduced to a set of normalised keys: the Chinese name, the English name, each
alias, and the toneless pinyin and pinyin initials of every Chinese form. A reference hits a
candidate when its own normalised form is one of the candidate's keys.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from plankg.errors import NotFound

if TYPE_CHECKING:
    from opencc import OpenCC

# opencc and pypinyin are imported on first use: normalising a Latin reference needs neither,
# and pypinyin's dictionaries alone take a third of a second to load.

MAX_SUGGESTIONS = 5
_SEPARATORS = re.compile(r"[\s\-_‐‑‒–—－＿·・]+")
_HAN = re.compile(r"[\u3400-\u9fff]")
# Category words a user leaves off: 铝加工 for 铝加工产业链, 有色金属 for 有色金属产业.
_CATEGORY_SUFFIX = re.compile(r"(标志性产业链|重点产业链|细分产业链|产业链|产业集群|产业|行业)$")


@dataclass(frozen=True)
class Candidate:
    """Anything a reference may name: an industry, a chain, an office, an agency…"""

    id: str
    label: str
    name_zh: str
    name_en: str | None = None
    aliases: tuple[str, ...] = field(default_factory=tuple)

    @property
    def display(self) -> str:
        return f"{self.name_zh} ({self.name_en})" if self.name_en else self.name_zh


@lru_cache(maxsize=1)
def _t2s() -> OpenCC:
    from opencc import OpenCC

    return OpenCC("t2s")


def normalise_ref(s: str) -> str:
    """The form two spellings of one name share: NFKC (full-width → half-width), simplified
    script, case-folded, without spaces, hyphens, underscores or middle dots."""
    text = unicodedata.normalize("NFKC", s)
    if _HAN.search(text):
        text = _t2s().convert(text)
    return _SEPARATORS.sub("", text.casefold())


def _pinyin_keys(text: str) -> set[str]:
    if not _HAN.search(text):
        return set()
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(text, errors="ignore")
    initials = lazy_pinyin(text, style=Style.FIRST_LETTER, errors="ignore")
    return {normalise_ref("".join(syllables)), normalise_ref("".join(initials))}


def name_keys(name_zh: str, name_en: str | None, aliases: Iterable[str]) -> set[str]:
    """Every normalised key a user may type for one entity."""
    forms = [name_zh, name_en or "", *aliases]
    keys = {normalise_ref(f) for f in forms}
    for form in forms:
        keys |= _pinyin_keys(normalise_ref(form))
    keys.discard("")
    return keys


def _candidate_keys(candidate: Candidate) -> frozenset[str]:
    return frozenset(
        name_keys(candidate.name_zh, candidate.name_en, candidate.aliases)
        | {normalise_ref(candidate.id)}
    )


def _short_keys(candidate: Candidate, full_keys: frozenset[str]) -> frozenset[str]:
    """Keys of the Chinese forms without their category word; tried only when no full key hits."""
    shorts = {
        _CATEGORY_SUFFIX.sub("", normalise_ref(form))
        for form in (candidate.name_zh, *candidate.aliases)
        if _HAN.search(form)
    }
    keys: set[str] = set()
    for short in shorts:
        if len(short) >= 2:
            keys.add(short)
            keys |= _pinyin_keys(short)
    return frozenset(keys - full_keys)


@dataclass(frozen=True)
class _Keyed:
    candidate: Candidate
    keys: frozenset[str]
    short_keys: frozenset[str]


# Memoised: a server indexes every name at start-up and then each label subset from the same
# candidates; a candidate (frozen) is its own key.
@lru_cache(maxsize=65536)
def _keyed(candidate: Candidate) -> _Keyed:
    keys = _candidate_keys(candidate)
    return _Keyed(candidate, keys, _short_keys(candidate, keys))


def _positions(keyed: list[_Keyed], short: bool) -> dict[str, list[int]]:
    positions: dict[str, list[int]] = defaultdict(list)
    for position, entry in enumerate(keyed):
        for key in entry.short_keys if short else entry.keys:
            positions[key].append(position)
    return dict(positions)


def _suggestions(ref_key: str, keyed: list[_Keyed]) -> list[str]:
    choices = {(i, key): key for i, entry in enumerate(keyed) for key in entry.keys}
    ranked = process.extract(ref_key, choices, scorer=fuzz.WRatio, limit=None)
    out: list[str] = []
    for _key, _score, (index, _) in ranked:
        display = keyed[index].candidate.display
        if display not in out:
            out.append(display)
        if len(out) == MAX_SUGGESTIONS:
            break
    return out


class CandidateIndex:
    """Candidates with their keys worked out once, so many references resolve by dictionary
    look-up instead of re-deriving pinyin for every candidate on every call."""

    def __init__(self, candidates: Iterable[Candidate]) -> None:
        self._index([_keyed(c) for c in candidates])

    def _index(self, keyed: list[_Keyed]) -> None:
        self._keyed = keyed
        self._by_key = _positions(keyed, short=False)
        self._by_short_key = _positions(keyed, short=True)

    @property
    def candidates(self) -> list[Candidate]:
        return [entry.candidate for entry in self._keyed]

    def resolve(self, ref: str) -> Candidate | list[Candidate]:
        """The candidate ``ref`` names; a list when it names several (ambiguous).

        Raises NotFound, with the closest names as suggestions, when it names none.
        """
        ref_key = normalise_ref(ref)
        positions: list[int] = []
        if ref_key:
            positions = self._by_key.get(ref_key) or self._by_short_key.get(ref_key, [])
        # An ambiguous answer lists its candidates in the order the pool gave them.
        hits = [self._keyed[i].candidate for i in sorted(positions)]
        unique = list({c.id: c for c in hits}.values())
        if len(unique) == 1:
            return unique[0]
        if unique:
            return unique
        suggestions = _suggestions(ref_key, self._keyed) if ref_key else []
        hint = f"; closest: {', '.join(suggestions)}" if suggestions else ""
        raise NotFound(f"'{ref}' matches no known name{hint}", suggestions=suggestions, ref=ref)


def resolve(ref: str, candidates: Iterable[Candidate]) -> Candidate | list[Candidate]:
    """The candidate ``ref`` names; a list when it names several (ambiguous).

    Raises NotFound, with the closest names as suggestions, when it names none.
    """
    return CandidateIndex(candidates).resolve(ref)
