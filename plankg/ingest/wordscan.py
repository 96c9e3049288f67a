"""Longest-word matching against a vocabulary, inside the regex engine.

Extractors look for vocabulary words (3,400 region names, outside departments, industries, units)
at every position of a text. Probing a dictionary position by position in Python is what made
ingest slow. :class:`LongestWords` finds the positions where a word can start with character
classes for its first two characters, and reads the longest word there with a regex shaped like a
prefix tree of the words that start with that character. (One tree regex for the whole vocabulary
is slower: the engine tries its top-level branches one by one, and there is one per distinct first
character.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

__all__ = ["LongestWords"]

_END = ""  # marks a node where a word ends; no word is empty

# A prefix-tree node: the next character -> the node below it.
_Node = dict[str, "_Node"]
_NEVER = re.compile("(?!)")


class LongestWords:
    """The longest of a set of words starting at a position of a text."""

    def __init__(self, words: Iterable[str]) -> None:
        by_first: dict[str, list[str]] = {}
        for word in set(words):
            if word:
                by_first.setdefault(word[0], []).append(word)
        # Each first character's tree is compiled the first time a text has that character
        # where a word may start: a plan meets a few hundred of the thousands a vocabulary has,
        # and compiling them all was most of a process's start-up.
        self._words_by_first = by_first
        self._by_first: dict[str, re.Pattern[str]] = {}
        self._starts = _start_pattern({w for group in by_first.values() for w in group})

    def _tree(self, char: str) -> re.Pattern[str] | None:
        pattern = self._by_first.get(char)
        if pattern is None:
            group = self._words_by_first.get(char)
            if group is None:
                return None
            pattern = self._by_first[char] = _tree_pattern(group)
        return pattern

    def at(self, text: str, pos: int) -> str | None:
        """The longest word that ``text`` has at ``pos``, None when no word starts there."""
        pattern = self._tree(text[pos]) if 0 <= pos < len(text) else None
        match = pattern.match(text, pos) if pattern is not None else None
        return match.group() if match else None

    def matches(self, text: str) -> Iterator[tuple[int, str]]:
        """Every position where a word starts, left to right, with the longest word there.

        Matches may overlap: callers decide where to resume after one.
        """
        for start in self._starts.finditer(text):
            pos = start.start()
            tree = self._tree(text[pos])
            match = tree.match(text, pos) if tree is not None else None
            if match:
                yield pos, match.group()


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


def _tree_pattern(words: list[str]) -> re.Pattern[str]:
    """A regex whose match at a position is the longest of ``words`` starting there.

    The words become a prefix tree written as nested groups. Each branch begins with a different
    character, so at most one can go on at any point, and a group after which a word may also end
    is optional and greedy: the engine keeps reading while a longer word is possible and backs off
    to the last word end otherwise.
    """
    root: _Node = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[_END] = {}
    return re.compile(_render(root))


def _render(node: _Node) -> str:
    branches = [
        re.escape(char) + _render(child) for char, child in sorted(node.items()) if char != _END
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END not in node:
        return body
    return (body if len(branches) > 1 else f"(?:{body})") + "?"
