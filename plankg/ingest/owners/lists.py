"""Owner lists: brackets that hold part of a name, and splitting a list into names with positions."""

from __future__ import annotations

import re
from functools import lru_cache

from plankg.ingest.owners.names import (
    collective_index,
    is_collective,
    looks_like_unit,
    normalize_name,
)
from plankg.ingest.owners.words import (
    CLOSE_BRACKETS,
    CONJUNCTIONS,
    LIST_SEPARATORS,
    NAME_BRACKETS,
    OPEN_BRACKETS,
    clause_words,
    open_ended_pattern,
)

# ---------------------------------------------------------------- brackets


_BRACKET = re.compile(f"[{re.escape(OPEN_BRACKETS + CLOSE_BRACKETS)}]")
_CONJUNCTION_AHEAD = re.compile("(?=(" + "|".join(map(re.escape, CONJUNCTIONS)) + "))")


def _bracket_pairs(text: str) -> list[tuple[int, int]]:
    """Balanced pairs of name brackets (any kind, each closed by its own kind), outermost and
    nested alike; an unbalanced bracket pairs with nothing."""
    pairs: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    closers = set(NAME_BRACKETS.values())
    for index, char in enumerate(text):
        if char in NAME_BRACKETS:
            stack.append((char, index))
        elif char in closers:
            depth = next(
                (d for d in range(len(stack) - 1, -1, -1) if NAME_BRACKETS[stack[d][0]] == char),
                None,
            )
            if depth is not None:
                pairs.append((stack[depth][1], index))
                del stack[depth:]
    return pairs


def depth_mask(text: str) -> str:
    """The text with every character inside a bracket replaced, so separators and verbs
    inside 各县（市、区）, 各县〔市、区〕 or 市商务局<市口岸办> are not seen at the top level.
    Same length as text; the outermost brackets themselves stay."""
    if not any(char in NAME_BRACKETS for char in text):
        return text
    chars = list(text)
    for opened, closed in _bracket_pairs(text):
        for index in range(opened + 1, closed):
            chars[index] = "□"
    return "".join(chars)


def top_level_groups(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """Outermost round-bracket groups as (open index, close index), and the indexes of opening
    brackets never closed (outermost first)."""
    groups, stack = [], []
    for bracket in _BRACKET.finditer(text):
        index, char = bracket.start(), bracket.group()
        if char in OPEN_BRACKETS:
            stack.append(index)
        elif char in CLOSE_BRACKETS and stack:
            opened = stack.pop()
            if not stack:
                groups.append((opened, index))
    return groups, stack


@lru_cache(maxsize=1)
def _collectives_with_separators() -> re.Pattern[str] | None:
    """Group words written with a list separator inside (各市（县）、区人民政府), longest first."""
    surfaces = sorted(
        (s for s in collective_index()[0] if any(sep in s for sep in LIST_SEPARATORS)),
        key=len,
        reverse=True,
    )
    return re.compile("|".join(map(re.escape, surfaces))) if surfaces else None


def _protect_collectives(text: str, masked: str) -> str:
    """Hide the separators inside group words so the list splitter keeps them whole."""
    pattern = _collectives_with_separators()
    if pattern is None:
        return masked
    normal = normalize_name(text)
    haystack = normal if len(normal) == len(text) else text  # offsets must stay shared
    chars = list(masked)
    for match in pattern.finditer(haystack):
        for index in range(match.start(), match.end()):
            if chars[index] in LIST_SEPARATORS:
                chars[index] = "□"
    return "".join(chars)


def split_names(text: str, base: int) -> list[tuple[str, int]]:
    """Owner names in a list, with their positions (base = position of text[0])."""
    return split_owner_list(text, base)[0]


def split_owner_list(text: str, base: int) -> tuple[list[tuple[str, int]], bool]:
    """Owner names in a list with their positions, and whether the list is open-ended.

    等 / 等有关部门 after a unit ends its part of the list (A、B等和各省级人民政府 names A, B and a
    group); a bare place word after a group word continues it (各乡镇、园区 is one group).
    """
    masked = list(_protect_collectives(text, depth_mask(text)))
    open_ended = False
    for match in open_ended_pattern().finditer("".join(masked)):
        before = "".join(masked[: match.start()])
        last = max((before.rfind(sep) for sep in LIST_SEPARATORS), default=-1)
        if looks_like_unit(text[last + 1 : match.start()].strip()):
            open_ended = True
            masked[match.start() : match.end()] = "、" * (match.end() - match.start())
    names: list[tuple[str, int]] = []
    start = 0
    for index in range(len(text) + 1):
        if index == len(text) or masked[index] in LIST_SEPARATORS:
            names.extend(_split_conjunctions(text[start:index], base + start))
            start = index + 1
    return _continue_groups(text, base, [(n, p) for n, p in names if n]), open_ended


def _continue_groups(text: str, base: int, names: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """各乡镇、园区 / 各有关区、县级市: a bare place word right after a group word is part of the
    group, never a unit of its own."""
    continuations = set(clause_words()["group_continuations"])
    merged: list[tuple[str, int]] = []
    for name, position in names:
        if merged and normalize_name(name) in continuations and is_collective(merged[-1][0]):
            first_position = merged[-1][1]
            end = position - base + len(name)
            merged[-1] = (text[first_position - base : end], first_position)
        else:
            merged.append((name, position))
    return merged


def _split_conjunctions(item: str, base: int) -> list[tuple[str, int]]:
    """Split 'A和B' only where both sides are unit names, so 培训与交流科 stays whole."""
    stripped = item.strip()
    base += len(item) - len(item.lstrip())
    item = stripped
    masked = depth_mask(item)
    # at most one conjunction starts at any index: none is the start of another
    for conjunction in _CONJUNCTION_AHEAD.finditer(masked, 1):
        index, word = conjunction.start(), conjunction.group(1)
        left, right = item[:index], item[index + len(word) :]
        if right and looks_like_unit(left) and looks_like_unit(_first_unit(right)):
            return [(left, base), *_split_conjunctions(right, base + index + len(word))]
    return [(item, base)] if item else []


def _first_unit(text: str) -> str:
    """The text up to its first conjunction that follows a unit name (for chained lists)."""
    masked = depth_mask(text)
    for conjunction in _CONJUNCTION_AHEAD.finditer(masked, 1):
        if looks_like_unit(text[: conjunction.start()]):
            return text[: conjunction.start()]
    return text
