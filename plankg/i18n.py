"""Chinese and English names for what the outputs show: role, gap type, severity and node kind
names (``data/i18n/terms.json``) and the words of the web pages (``data/i18n/ui.json``).

Chinese is the default everywhere; English is asked for (``--lang en``, ``PLANKG_LANG``, a
``lang`` query parameter). A code with no entry is shown as it is stored rather than hidden.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any, Literal, cast, get_args

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = get_args(Lang)
DEFAULT_LANG: Lang = "zh"

TermGroup = Literal["role", "gap_type", "severity", "kind", "relation", "stats", "rel"]


@cache
def _load(name: str) -> dict[str, Any]:
    path = resources.files("plankg.data.i18n") / f"{name}.json"
    with path.open("r", encoding="utf-8") as fh:
        return cast(dict[str, Any], json.load(fh))


def as_lang(value: str | None, default: Lang = DEFAULT_LANG) -> Lang:
    """A supported language for a user's choice (``zh``, ``en``, ``zh-CN``, ``EN``…)."""
    if value:
        short = value.strip().lower()[:2]
        if short in LANGS:
            return short
    return default


def term(group: TermGroup, code: str | None, lang: Lang = DEFAULT_LANG) -> str:
    """The display name of a stored code (``role`` ``each`` → 分别负责)."""
    if code is None:
        return ""
    entry = _load("terms")[group].get(code)
    return str(entry[lang]) if entry else code


def terms(group: TermGroup, lang: Lang = DEFAULT_LANG) -> dict[str, str]:
    """Every code of a group with its display name, in the file's order."""
    return {code: str(names[lang]) for code, names in _load("terms")[group].items()}


def message(key: str, lang: Lang = DEFAULT_LANG, **fields: str) -> str:
    """A word or sentence of the web pages; ``{name}`` fields are filled from ``fields``."""
    entry = _load("ui").get(key)
    text = str(entry[lang]) if isinstance(entry, dict) else key
    return text.format(**fields) if fields else text
