"""Words of a short window of plan text, without a language model.

Names are read backwards from a suffix (an enterprise before 龙头企业, a park before 产业园区, an
unknown industry before 产业) until the word that opens the clause: a verb such as 打造 or 培育,
a preposition, a conjunction. Plans open such clauses with a small stock of words, kept as
vocabulary (``entity_words.json``: ``lead_words``), so a longest-word scan over that list and the
words the vocabularies already know (industries, generic modifiers, regions) splits a window
well enough to find where a name starts, and costs nothing at start-up, where a part-of-speech
tagger costs seconds to load its dictionary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from plankg.ingest.wordscan import LongestWords

__all__ = ["Token", "WindowWords"]

# A quantity written before a name: 百亿, 千亿级, 300个, 2-3个, 2.5万, 2025年. It opens with a digit
# or a power of ten, so words that merely contain 个/多/家 are left alone.
_QUANTITY = re.compile(
    r"[\d.０-９]+(?:[-－～~—至到][\d.０-９]+)?[百千万亿]*[元级个家多余年]*|[百千万亿]+级?"
)


@dataclass(frozen=True)
class Token:
    text: str
    lead: bool  # a word that opens a clause: a name never runs across it


class WindowWords:
    """Split a window into lead words, known words, quantities, and runs of other characters."""

    def __init__(self, lead_words: Iterable[str], known_words: Iterable[str]) -> None:
        self._lead = frozenset(lead_words)
        self._words = LongestWords([*self._lead, *known_words])

    def tokens(self, window: str) -> tuple[Token, ...]:
        out: list[Token] = []
        other_start = None
        pos = 0
        while pos < len(window):
            word = self._words.at(window, pos)
            quantity = _QUANTITY.match(window, pos)
            if quantity and (word is None or quantity.end() - pos > len(word)):
                word = quantity.group()
            if word is None:
                if other_start is None:
                    other_start = pos
                pos += 1
                continue
            if other_start is not None:
                out.append(Token(window[other_start:pos], lead=False))
                other_start = None
            out.append(Token(word, lead=word in self._lead))
            pos += len(word)
        if other_start is not None:
            out.append(Token(window[other_start:], lead=False))
        return tuple(out)
