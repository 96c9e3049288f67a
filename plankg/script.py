"""Traditional -> simplified script, character for character, so offsets are shared."""

from __future__ import annotations

from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import opencc


def simplified_twin(text: str) -> str:
    """``text`` with each traditional character replaced by its simplified form ("" if none).

    Conversion is character by character (never phrase-level), so the result has the same length
    and offsets into it are offsets into ``text``.
    """
    table = {}
    for char in set(text) - _UNCHANGED_CHARS:
        simplified = _simplified_char(char) if char >= "\u3400" else char
        if simplified != char:
            table[ord(char)] = simplified
        else:
            _UNCHANGED_CHARS.add(char)
    return text.translate(table) if table else ""


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    import opencc

    return opencc.OpenCC("t2s")


# Characters known to have no other simplified form; the set difference with a text's characters
# leaves only those worth converting (a few, or none in a simplified document).
_UNCHANGED_CHARS: set[str] = set()


@cache
def _simplified_char(char: str) -> str:
    converted = _t2s().convert(char)
    return converted if len(converted) == 1 else char
