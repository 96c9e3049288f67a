"""Canonical entries of the vocabulary, shared by the layers that name things from it.

Ingest matches plan text against these entries; the store names the nodes it writes (an industry
known only as a chain's parent, an outside department's English name) from the same entries. Both
import this module, so neither imports the other. Scanning text stays in ingest; this module
only holds the entries and their look-ups by canonical key or name.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

from plankg.vocab import load_vocab

# Not 业 alone: 现代农业 is not 现代农 + 业.
INDUSTRY_SUFFIXES = ("产业链", "产业", "行业")


def strip_industry_suffix(term: str) -> str:
    """The term without its 产业链/产业/行业 suffix, when something is left before it."""
    for suffix in INDUSTRY_SUFFIXES:
        if term.endswith(suffix) and len(term) > len(suffix) + 1:
            return term[: -len(suffix)]
    return term


@dataclass(frozen=True)
class IndustryEntry:
    key: str
    kind: Literal["industry", "chain"]
    name: str
    name_en: str
    parent: str | None  # chains: the industry key
    zh_aliases: tuple[str, ...]  # name the entry anywhere
    short_aliases: tuple[str, ...]  # only in an enumeration or before 产业/行业/业
    en_aliases: tuple[str, ...]

    @property
    def stem(self) -> str:
        """The name without its 产业链/产业/业 suffix (有色金属产业 -> 有色金属)."""
        return strip_industry_suffix(self.name)

    @property
    def aliases(self) -> tuple[str, ...]:
        return tuple(
            dict.fromkeys((self.stem, *self.zh_aliases, *self.short_aliases, *self.en_aliases))
        )


@cache
def industry_entries() -> dict[str, IndustryEntry]:
    """Every industry and chain of ``industries.json`` by its key, in file order."""
    entries: dict[str, IndustryEntry] = {}
    for raw in load_vocab("industries")["entries"]:
        entry = IndustryEntry(
            key=raw["key"],
            kind=raw["kind"],
            name=raw["name"],
            name_en=raw["name_en"],
            parent=raw.get("parent"),
            zh_aliases=tuple(raw.get("aliases", ())),
            short_aliases=tuple(raw.get("short_aliases", ())),
            en_aliases=tuple(raw.get("en_aliases", ())),
        )
        entries[entry.key] = entry
    return entries


@cache
def _agency_english_names() -> dict[str, str | None]:
    return {e["name"]: e.get("name_en") for e in load_vocab("agencies")["entries"]}


def agency_english_name(name: str) -> str | None:
    """The English name of a canonical outside department, None when the vocabulary lacks it."""
    return _agency_english_names().get(name)
