"""Owner names: one spelling per name, unit suffixes, group words."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from plankg.vocab import load_vocab


@lru_cache(maxsize=1)
def unit_suffixes() -> tuple[str, ...]:
    return tuple(sorted(load_vocab("office_names")["unit_suffixes"], key=len, reverse=True))


@lru_cache(maxsize=1)
def collective_index() -> tuple[dict[str, dict[str, Any]], tuple[re.Pattern[str], ...]]:
    vocab = load_vocab("collective_owners")
    by_name: dict[str, dict[str, Any]] = {}
    for entry in vocab["entries"]:
        for surface in (entry["name"], *entry.get("aliases", ())):
            by_name[normalize_name(surface)] = entry
    return by_name, tuple(re.compile(p) for p in vocab["patterns"])


# ---------------------------------------------------------------- names


_WHITESPACE = re.compile(r"\s+")


def normalize_name(raw: str) -> str:
    """One spelling per name: NFKC widths, no whitespace, Chinese brackets and commas."""
    text = _WHITESPACE.sub("", unicodedata.normalize("NFKC", raw))
    return text.replace("(", "（").replace(")", "）").replace(",", "，")


def unit_suffix(name: str) -> str | None:
    """The longest unit suffix the name ends with (科, 办公室, 部门 …), if any."""
    return next((s for s in unit_suffixes() if name.endswith(s) and len(name) > len(s)), None)


def collective_entry(name: str) -> dict[str, Any] | None:
    return collective_index()[0].get(normalize_name(name))


@lru_cache(maxsize=4096)
def is_collective(name: str) -> bool:
    """Whether a name is a group word (各产业科室, 各县（市、区）, 市直有关部门) rather than one unit."""
    normal = normalize_name(name)
    by_name, patterns = collective_index()
    return normal in by_name or any(p.search(normal) for p in patterns)


_TRAILING_BRACKET = re.compile(r"[（(<〈【\[〔][^（()）<>〈〉【】\[\]〔〕]*[）)>〉】\]〕]$")


@lru_cache(maxsize=4096)
def looks_like_unit(name: str) -> bool:
    """Ends with a unit suffix (科, 局, 委员会 …), not counting a bracket after it (an alias as in
    市商务局<市口岸办>, or a marker as in 信息化推进科（牵头）), or is a group word."""
    bare = normalize_name(name)
    while (stripped := _TRAILING_BRACKET.sub("", bare)) != bare:
        bare = stripped
    return unit_suffix(bare) is not None or is_collective(name)


def owner_name(raw: str) -> str:
    """Owners keep the name as written (widths and spaces normalised); a group word too, so
    各乡镇政府 is not stored as another group's canonical spelling."""
    return normalize_name(raw)
