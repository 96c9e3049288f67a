"""Longest-word matching against a vocabulary.

Extractors look for vocabulary words (3,400 region names, outside departments, industries, units)
at every position of a text. Probing a dictionary position by position in Python is what made
ingest slow. :class:`LongestWords` finds the positions where a word can start with one regex of
character classes for a word's first two characters (the engine tests them without leaving C),
and tries only the few words that begin with the two characters found there. It compiles one
pattern per vocabulary, so a process that reads one plan does not pay to compile a regex per
first character of thousands of words, as a prefix-tree regex per character did.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

__all__ = ["LongestWords"]

_NEVER = re.compile("(?!)")


class LongestWords:
    """The longest of a set of words starting at a position of a text."""

    def __init__(self, words: Iterable[str]) -> None:
        # Words by their first two characters (a one-character word by itself), longest first:
        # a position rarely has more than a few words sharing its two characters, so trying
        # them with str.startswith is quick, and nothing is compiled per word list beyond the
        # one pattern of possible starts.
        by_head: dict[str, list[str]] = {}
        for word in set(words):
            if word:
                by_head.setdefault(word[:2], []).append(word)
        self._by_head = {
            head: tuple(sorted(group, key=len, reverse=True)) for head, group in by_head.items()
        }
        self._starts = _start_pattern({w for group in by_head.values() for w in group})

    def at(self, text: str, pos: int) -> str | None:
        """The longest word that ``text`` has at ``pos``, None when no word starts there."""
        if not 0 <= pos < len(text):
            return None
        for word in self._by_head.get(text[pos : pos + 2], ()):
            if text.startswith(word, pos):
                return word
        return text[pos] if text[pos] in self._by_head else None

    def matches(self, text: str) -> Iterator[tuple[int, str]]:
        """Every position where a word starts, left to right, with the longest word there.

        Matches may overlap: callers decide where to resume after one.
        """
        for start in self._starts.finditer(text):
            pos = start.start()
            word = self.at(text, pos)
            if word is not None:
                yield pos, word


def _start_pattern(words: set[str]) -> re.Pattern[str]:
    """Where a word may start: its first character, followed by a possible second one.

    Both are character classes, which the engine tests without leaving C; checking the second
    character too leaves a third of the positions that the first alone would.
    """
    if not words:
        return _NEVER
    alternatives = []
    single = {w for w in words if len(w) == 1}
    if single:
        alternatives.append(_char_class(single))
    longer = words - single
    if longer:
        alternatives.append(
            _char_class(w[0] for w in longer) + "(?=" + _char_class(w[1] for w in longer) + ")"
        )
    return re.compile("|".join(alternatives))


def _char_class(chars: Iterable[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(set(chars))) + "]"
